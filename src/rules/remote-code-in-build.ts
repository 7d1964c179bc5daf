/**
 * remote-code-in-build: code fetched at build time and run unverified is whatever
 * the server (or anyone between) sends that day; a checksum pins it.
 */
import { defineRule } from './rule.js';
import { flagOf, runScript } from './support/build-stages.js';

/** A download (curl, wget, fetch) piped into an interpreter, possibly through sudo/env. */
const PIPE_TO_SHELL = /\b(?:curl|wget|fetch)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+(?:\S+=\S*\s+)*)?(?:\/\S*\/)?(?:ba|z|da|k|a|fi)?sh\b|\b(?:curl|wget|fetch)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:\/\S*\/)?(?:python[0-9.]*|perl|ruby|node|php)\b/;
/** `bash -c "$(curl …)"`, `sh <(wget -O- …)`, `source <(curl …)`, `. <(curl …)`. */
const SUBSTITUTED = /(?:\b(?:ba|z|da|k|a)?sh\b|\bsource\b|(?:^|[\s;&|])\.)\s+(?:-\S+\s+)*(?:"?\$\(|<\()\s*(?:curl|wget|fetch)\b/;

export default defineRule({
  id: 'remote-code-in-build',
  title: 'Remote code fetched into the build unverified',
  severity: 'medium',
  inputs: ['DF'],
  rationale:
    'A download that is not checked against a known checksum can change under the same URL: a compromised server, a hijacked domain or a man in the middle then runs its code in your build and ships it in your image.',
  remedy: 'Download to a file and verify it before use (`ADD --checksum=sha256:… URL`, or `curl -fsSLo f URL && echo "SHA  f" | sha256sum -c`), or install from a signed package repository.',
  references: [
    { title: 'CIS Docker Benchmark 4.9: Ensure that COPY is used instead of ADD in Dockerfiles' },
    { title: 'Dockerfile reference: ADD --checksum', url: 'https://docs.docker.com/reference/dockerfile/#add---checksum' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #13 - Supply chain', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    add: 'ADD fetches "{{url}}" without verifying it: add `--checksum=sha256:…` (for a Git source, pin a full commit id).',
    pipe: 'RUN pipes a download straight into an interpreter: download to a file, verify its checksum, then run it.',
    onbuildPipe: 'ONBUILD RUN pipes a download straight into an interpreter in every build based on this image: download to a file, verify its checksum, then run it.',
  },
  check(ctx) {
    for (const build of ctx.builds()) {
      for (const stage of build.stages) {
        // `ONBUILD RUN curl … | sh` runs in every build FROM this image: judged as the trigger it is.
        for (const written of stage.instructions) {
          const instruction = written.keyword === 'ONBUILD' && written.trigger ? written.trigger : written;
          if (instruction.keyword === 'ADD' && !flagOf(instruction, 'checksum')) {
            for (const src of instruction.args.slice(0, -1)) {
              if (isUnpinnedRemote(src.value)) ctx.report({ messageId: 'add', data: { url: src.value }, loc: src.loc });
            }
          } else if (instruction.keyword === 'RUN') {
            const script = runScript(instruction).replace(/\\\n/g, ' ');
            if (PIPE_TO_SHELL.test(script) || SUBSTITUTED.test(script)) ctx.report({ messageId: written === instruction ? 'pipe' : 'onbuildPipe', loc: written.loc });
          }
        }
      }
    }
  },
});

/**
 * An HTTP(S) or Git source that nothing pins: a Git source whose fragment names a
 * full commit id (`…repo.git#<40 hex>`) is content-addressed and counts as pinned.
 */
function isUnpinnedRemote(source: string): boolean {
  const text = source.replace(/^(["'])(.*)\1$/, '$2');
  if (!/^(?:https?:\/\/|git@|git:\/\/|ssh:\/\/)/i.test(text)) return false;
  return !/#[0-9a-f]{40}(?::|$)/i.test(text);
}
