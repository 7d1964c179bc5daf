/**
 * Whole scans over generated hostile repositories: every input kind, built from the
 * pieces attackers use (aliases and merge keys, deep nesting, self-referencing
 * variables, continuation lines, cycles between files, references out of the tree,
 * control characters, huge lines), each file bounded in size. Every scan must end
 * with a report (no uncaught exception), in bounded heap and time, and still judge
 * the one ordinary file of the repository.
 *
 * The time bound is a hang detector, minutes above what the work takes; speed is
 * measured in bench/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runScan } from '../../src/scan/run-scan.js';
import { formatSarif } from '../../src/report/format-sarif.js';
import { formatText } from '../../src/report/format-text.js';
import { jsonChunks } from '../../src/report/format-json.js';

const MAX_FILE = 20_000;

const yamlPiece = fc.constantFrom(
  'a: &a [x, x, x, x, x, x, x, x]\n',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n',
  'c: [*b, *b, *b, *b, *b, *b, *b, *b]\n',
  'm: &m {k: v}\nn:\n  <<: [*m, *m, *m]\n',
  'deep: ' + '['.repeat(500) + ']'.repeat(500) + '\n',
  'deep2: ' + '{a: '.repeat(300) + '1' + '}'.repeat(300) + '\n',
  'key: "' + 'x'.repeat(5000) + '"\n',
  '---\n',
  '--- !!binary\n',
  '? [a, b]\n: c\n',
  'kind: Pod\napiVersion: v1\nmetadata: {name: p}\nspec: {containers: [{name: c, image: "x:1", securityContext: {privileged: true}}]}\n',
  'kind: List\napiVersion: v1\nitems: [{kind: Pod}, 1, null, "x"]\n',
  'services:\n  s:\n    image: ${A:-${B:-${C:-${D}}}}\n    extends: {file: compose.yaml, service: s}\n',
  'services:\n  t:\n    image: nginx:1\n    env_file: ../../../../etc/passwd\n    volumes: ["/:/host", "${X}:${Y}"]\n',
  'include: [compose.yaml, compose.yaml]\n',
  '\u0000\u0001\u0007\n',
  '\uFEFFkey: value\n',
  '\t- tab indent\n',
  'x: !!python/object:os.system "rm"\n',
  'a: *undefined\n',
);
const containerfilePiece = fc.constantFrom(
  'FROM alpine:3.20\n',
  'FROM scratch AS s\n',
  'ARG A=$A$A$A$A\n',
  'ENV B=${A}${A}${A}${A}\n',
  'RUN echo \\\n',
  'RUN <<EOF\nset -e\nEOF\n',
  'RUN <<"A" <<B\nx\nA\ny\n',
  'USER root\n',
  'COPY --from=nowhere / /\n',
  'ONBUILD ONBUILD RUN x\n',
  '# syntax=docker/dockerfile:1\n',
  '\\\n'.repeat(200),
  'RUN ' + '$('.repeat(200) + ')'.repeat(200) + '\n',
  'FROM ${A:-${A:-${A}}}\n',
);
const unitPiece = fc.constantFrom(
  '[Container]\n',
  '[Pod]\n',
  '[Kube]\nYaml=../../../../etc/hosts\n',
  'Image=nginx:1\n',
  'PodmanArgs=--privileged \\\n',
  ' \\\n'.repeat(300),
  'Environment="A=%h%t%U%E%%"\n',
  'EnvironmentFile=/etc/shadow\n',
  'Volume=/:/host\n',
  'Pod=self.pod\n',
  'Image=self.build\n',
  'AddCapability=ALL\n',
  'Exec=' + '"'.repeat(101) + '\n',
);
const shellPiece = fc.constantFrom(
  'podman run --privileged -v /:/host nginx:1\n',
  'docker run -e A=$(cat /etc/passwd) x\n',
  'docker run \\\n',
  'podman run ' + '--cap-add ALL '.repeat(200) + 'x\n',
  'cat <<EOF\npodman run x\n',
  'if [ ; then\n',
  '$((1<<62))\n',
  "podman run '" + 'x'.repeat(3000) + '\n',
  'alias x=podman\nx run y\n',
);

const FILES: { name: string; piece: fc.Arbitrary<string> }[] = [
  { name: 'compose.yaml', piece: yamlPiece },
  { name: 'k8s/pod.yaml', piece: yamlPiece },
  { name: 'kustomization.yaml', piece: yamlPiece },
  { name: 'build/Containerfile', piece: containerfilePiece },
  { name: 'units/app.container', piece: unitPiece },
  { name: 'units/self.pod', piece: unitPiece },
  { name: 'units/app.kube', piece: unitPiece },
  { name: 'deploy.sh', piece: shellPiece },
  { name: 'Makefile', piece: shellPiece.map((s) => `all:\n\t${s.replace(/\n/g, '\n\t')}\n`) },
  { name: 'README.md', piece: shellPiece.map((s) => '```sh\n' + s + '```\n') },
];

const repository = fc.tuple(
  ...FILES.map((f) => fc.option(fc.array(f.piece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join('').slice(0, MAX_FILE)), { nil: undefined })),
);

test('whole scans over generated hostile repositories end with a report, bounded, and still judge the ordinary file', { timeout: 600_000 }, async () => {
  const base = await mkdtemp(join(tmpdir(), 'seaworthy-fuzz-'));
  let n = 0;
  try {
    await fc.assert(
      fc.asyncProperty(repository, async (contents) => {
        const d = join(base, `r${n++}`);
        await mkdir(join(d, 'victim'), { recursive: true });
        await writeFile(join(d, 'victim', 'Containerfile'), 'FROM alpine:3.20\nUSER root\n');
        for (const [i, text] of contents.entries()) {
          if (text === undefined) continue;
          const file = join(d, FILES[i]!.name);
          await mkdir(join(file, '..'), { recursive: true });
          await writeFile(file, text);
        }
        const heapBefore = process.memoryUsage().heapUsed;
        const started = Date.now();
        const { result } = await runScan([d]);
        // Every format writes the report (they are where 100k-finding inputs used to break).
        const outputs = [formatText(result), [...jsonChunks(result)].join(''), formatSarif(result)];
        const elapsed = Date.now() - started;
        assert.ok(outputs.every((o) => o.length > 0));
        assert.ok(elapsed < 60_000, `a generated repository took ${elapsed} ms`);
        assert.ok(process.memoryUsage().heapUsed - heapBefore < 768 * 1024 * 1024, 'heap grew by more than 768 MiB');
        assert.ok(
          result.findings.some((f) => f.ruleId === 'run-as-root' && f.location.file === join(d, 'victim', 'Containerfile')),
          'the ordinary file is still judged',
        );
        // Every error is located in a file of the repository.
        for (const e of result.errors) assert.ok(e.file.startsWith(d) || e.file === '<configuration>', JSON.stringify(e));
      }),
      { numRuns: Number(process.env['SEAWORTHY_FUZZ_RUNS'] ?? 30) },
    );
  } finally {
    await rm(base, { recursive: true, force: true });
  }
});
