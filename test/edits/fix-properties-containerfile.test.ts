/**
 * The guarantees of `seaworthy fix` for Containerfiles, as properties over generated
 * ones (a builder stage or not; apt-get/apt/dnf/microdnf/zypper installs on one line
 * or across continuations, with environment prefixes and options before `install`;
 * installs that already decide, or whose finding is suppressed; users created with
 * a UID, named or numeric; comments and a trailing CMD block; CRLF):
 *
 * - a rescan reports none of the findings the fix was for; suppressed ones stay
 *   suppressed and their lines are untouched;
 * - a second fix changes nothing;
 * - lines are only added or rewritten in place, comments and order are kept, the
 *   builder stage is byte-identical, and the result parses into the same
 *   instructions (plus the one USER the fix may add).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runFix } from '../../src/scan/run-fix.js';
import { parseDockerfile } from '../../src/sources/dockerfile/parse-dockerfile.js';
import { buildSpecFromAst } from '../../src/sources/dockerfile/build-model.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { assertCommentsKept, assertOnlyEditedLinesChange, assertOrderKept } from '../support/edited-lines.js';

const RULES = ['run-as-root', 'user-not-numeric', 'recommended-packages-installed'];
const MANAGERS = ['apt-get', 'apt', 'dnf', 'microdnf', 'zypper'] as const;
const DECIDED: Record<(typeof MANAGERS)[number], string> = {
  'apt-get': '--no-install-recommends',
  apt: '--install-recommends',
  dnf: '--setopt=install_weak_deps=False',
  microdnf: '--setopt=install_weak_deps=0',
  zypper: '--recommends',
};

interface Install {
  manager: (typeof MANAGERS)[number];
  continued: boolean;
  envPrefix: boolean;
  optionFirst: boolean;
  decided: boolean;
  suppressed: boolean;
}

interface Shape {
  builder: boolean;
  base: string;
  installs: Install[];
  user: 'none' | 'created' | 'named' | 'numeric';
  trailing: boolean;
  crlf: boolean;
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  builder: fc.boolean(),
  base: fc.constantFrom('registry.example.com/debian:12', 'gcr.io/distroless/static-debian12:nonroot', 'docker.io/nginxinc/nginx-unprivileged:1.27'),
  installs: fc.array(
    fc.record({ manager: fc.constantFrom(...MANAGERS), continued: fc.boolean(), envPrefix: fc.boolean(), optionFirst: fc.boolean(), decided: fc.boolean(), suppressed: fc.boolean() }),
    { maxLength: 3 },
  ),
  user: fc.constantFrom('none' as const, 'created' as const, 'named' as const, 'numeric' as const),
  trailing: fc.boolean(),
  crlf: fc.boolean(),
});

function installLines(i: Install, n: number): string[] {
  const sub = i.manager === 'zypper' && n % 2 ? 'in' : 'install';
  const yes = i.manager === 'zypper' ? '-n' : '-y';
  const words = [i.envPrefix ? 'DEBIAN_FRONTEND=noninteractive ' : '', i.manager, ...(i.optionFirst ? [yes, sub] : [sub, yes]), ...(i.decided ? [DECIDED[i.manager]] : [])].filter(Boolean).join(' ').replace('  ', ' ');
  if (i.continued) return [`RUN echo step ${n} \\`, ` && ${words} \\`, `      pkg-${n} other-${n} \\`, ' && echo done'];
  // A suppression that suppresses nothing is itself reported: only where there is a finding.
  return [...(i.suppressed && !i.decided ? [`# seaworthy-ignore recommended-packages-installed -- pkg-${n} needs what it recommends`] : []), `RUN ${words} pkg-${n}`];
}

function render(shape: Shape): string {
  const lines: string[] = ['# syntax=docker/dockerfile:1'];
  if (shape.builder) lines.push('FROM registry.example.com/debian:12 AS build', 'RUN apt-get install -y gcc make', '');
  lines.push(`FROM ${shape.base}`, '# the tools it needs');
  shape.installs.forEach((install, n) => lines.push(...installLines(install, n)));
  if (shape.user !== 'none' && shape.user !== 'numeric') lines.push('RUN useradd --uid 10042 --create-home app');
  if (shape.user === 'named') lines.push('USER app');
  if (shape.user === 'numeric') lines.push('USER 1000:1000');
  if (shape.builder) lines.push('COPY --from=build /out /app');
  if (shape.trailing) lines.push('# how it starts', 'EXPOSE 8080', 'CMD ["/app"]');
  return lines.join(shape.crlf ? '\r\n' : '\n') + (shape.crlf ? '\r\n' : '\n');
}

function instructions(text: string): string[] {
  const build = buildSpecFromAst(parseDockerfile(text), sourceFile('Containerfile', text));
  return build.stages.flatMap((s) => [s.from, ...s.instructions].map((i) => i.keyword));
}

test('fix properties over generated Containerfiles: rescan clean, suppressions kept, idempotent, lines kept', async () => {
  await fc.assert(
    fc.asyncProperty(shapeArb, async (shape) => {
      const dir = mkdtempSync(join(tmpdir(), 'seaworthy-df-props-'));
      try {
        const input = render(shape);
        const path = join(dir, 'Containerfile');
        writeFileSync(path, input);
        const fix = async (text: string) => {
          writeFileSync(path, text);
          return runFix([dir], { overrides: { only: RULES }, fix: {} });
        };
        const first = await fix(input);
        assert.equal(first.before.errors.length, 0, JSON.stringify(first.before.errors));
        const fixed = first.files[0]?.after ?? input;
        // Rescan: nothing left of the rules fixed; suppressed findings stay accepted, not fixed.
        assert.deepEqual(first.remaining.findings.map((f) => `${f.ruleId} ${f.location.startLine} ${f.message}`), []);
        const suppressed = shape.installs.filter((i) => i.suppressed && !i.continued && !i.decided).length;
        assert.equal((first.remaining.accepted ?? []).filter((a) => a.finding.ruleId === 'recommended-packages-installed').length, suppressed);
        for (const line of input.split('\n')) if (line.startsWith('RUN ') && (first.before.accepted ?? []).some((a) => input.split('\n')[a.finding.location.startLine - 1] === line)) assert.ok(fixed.split('\n').includes(line), `a suppressed line was changed: ${line}`);
        // Idempotent.
        const second = await fix(fixed);
        assert.deepEqual(second.files, []);
        // Lines only added or rewritten in place; comments, order, CRLF and the builder stage kept.
        assertOnlyEditedLinesChange(input, fixed, 'Containerfile');
        assertOrderKept(input, fixed, 'Containerfile');
        assertCommentsKept(input, fixed, 'Containerfile');
        if (shape.crlf) assert.ok(!/[^\r]\n/.test(fixed), 'a CRLF file keeps CRLF on every line');
        if (shape.builder) assert.ok(fixed.includes('RUN apt-get install -y gcc make'), 'the builder stage does not ship: untouched');
        // Parses into the same instructions, plus a USER where none was.
        const added = shape.user === 'none' || shape.user === 'created' ? ['USER'] : [];
        assert.deepEqual(instructions(fixed).filter((k) => k === 'USER').length, instructions(input).filter((k) => k === 'USER').length + added.length);
        assert.equal(instructions(fixed).length, instructions(input).length + added.length);
        // The user chosen: the one the build creates, else the base image's own, else 10001.
        if (shape.user === 'created') assert.match(fixed, /^USER 10042\r?$/m);
        if (shape.user === 'named') assert.match(fixed, /^USER 10042\r?$/m);
        if (shape.user === 'none') assert.match(fixed, shape.base.includes('nonroot') ? /^USER 65532:65532\r?$/m : shape.base.includes('unprivileged') ? /^USER 101:101\r?$/m : /^USER 10001:10001\r?$/m);
        return true;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 60, seed: 1414 },
  );
});
