/**
 * The guarantees of `seaworthy fix`, as properties over generated Kubernetes
 * manifests (indentation 2 or 4, indented or flush lists, flow or block security
 * contexts, comments on their own lines and after values, CRLF, a byte-order mark,
 * other documents around the workload, Pods and Deployments):
 *
 * - a rescan reports none of the findings the fix was for;
 * - a second fix changes nothing;
 * - every line the fix did not rewrite is byte-identical and in order (only a flow
 *   collection's line is rewritten in place);
 * - the result parses, every value of the input is still there, the other
 *   documents are unchanged;
 * - with issue 10's harness on this machine, Kubernetes' own YAML reader
 *   (sigs.k8s.io/yaml) reads the same values as ours.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { loadAll } from 'js-yaml';
import { structuredPatch } from 'diff';
import { runFix } from '../../src/scan/run-fix.js';
import { repoRoot } from '../support/prerequisites.js';

const RULES = ['privilege-escalation-allowed', 'capabilities-not-dropped', 'seccomp-unconfined', 'writable-root-fs', 'run-as-root', 'service-account-token-mounted', 'image-pull-policy-not-always', 'missing-cpu-limit', 'missing-memory-limit'];
const OPTIONS = { cpuLimit: '250m', memoryLimit: '128Mi', tmpVolume: true };

interface Shape {
  kind: 'Pod' | 'Deployment';
  step: 2 | 4;
  flushLists: boolean;
  crlf: boolean;
  bom: boolean;
  before: boolean;
  after: boolean;
  podContext: 'none' | 'block' | 'flow';
  containers: { context: 'none' | 'block' | 'flow'; dropNetRaw: boolean; readOnly: boolean; comment: boolean; tag: boolean }[];
  comments: boolean;
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  kind: fc.constantFrom('Pod' as const, 'Deployment' as const),
  step: fc.constantFrom(2 as const, 4 as const),
  flushLists: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  before: fc.boolean(),
  after: fc.boolean(),
  podContext: fc.constantFrom('none' as const, 'block' as const, 'flow' as const),
  containers: fc.array(
    fc.record({ context: fc.constantFrom('none' as const, 'block' as const, 'flow' as const), dropNetRaw: fc.boolean(), readOnly: fc.boolean(), comment: fc.boolean(), tag: fc.boolean() }),
    { minLength: 1, maxLength: 3 },
  ),
  comments: fc.boolean(),
});

/** The manifest text for a shape. */
function render(shape: Shape): string {
  const pad = (n: number) => ' '.repeat(n * shape.step);
  const lines: string[] = [];
  const other = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `${pad(1)}name: settings`, 'data:', `${pad(1)}mode: "yes"`];
  if (shape.before) lines.push(...other, '---');
  if (shape.comments) lines.push('# generated workload');
  lines.push(shape.kind === 'Pod' ? 'apiVersion: v1' : 'apiVersion: apps/v1', `kind: ${shape.kind}`, 'metadata:', `${pad(1)}name: gen # its name`, `${pad(1)}namespace: shop`);
  let depth = 0;
  lines.push('spec:');
  if (shape.kind === 'Deployment') {
    lines.push(`${pad(1)}selector: {matchLabels: {app: gen}}`, `${pad(1)}template:`, `${pad(2)}metadata:`, `${pad(3)}labels: {app: gen}`, `${pad(2)}spec:`);
    depth = 2;
  }
  const at = (n: number) => pad(depth + n);
  if (shape.podContext === 'block') lines.push(`${at(1)}securityContext:`, `${at(2)}fsGroup: 2000`);
  if (shape.podContext === 'flow') lines.push(`${at(1)}securityContext: {fsGroup: 2000}`);
  if (shape.comments) lines.push(`${at(1)}# the containers`);
  lines.push(`${at(1)}containers:`);
  const dash = shape.flushLists ? at(1) : at(2);
  const inner = dash + '  ';
  shape.containers.forEach((c, i) => {
    lines.push(`${dash}- name: c${i}${c.comment ? '   # container' : ''}`, `${inner}image: registry.example.com/app${c.tag ? ':1.0' : ''}`);
    const fields: string[] = [];
    if (c.readOnly) fields.push('readOnlyRootFilesystem: true');
    if (c.dropNetRaw) fields.push('capabilities: {drop: ["NET_RAW"]}');
    if (c.context === 'block' || (c.context === 'none' && fields.length)) {
      lines.push(`${inner}securityContext:`, ...(fields.length ? fields : ['runAsGroup: 3000']).map((f) => `${inner}${' '.repeat(shape.step)}${f}`));
    } else if (c.context === 'flow') {
      lines.push(`${inner}securityContext: {${fields.join(', ')}}`);
    }
    if (shape.comments && c.comment) lines.push(`${inner}# end of c${i}`);
  });
  if (shape.after) lines.push('---', ...other);
  const eol = shape.crlf ? '\r\n' : '\n';
  return (shape.bom ? '\uFEFF' : '') + lines.join(eol) + eol;
}

/** `b`'s every value is in `a` (objects: keys; lists: items by index). */
function contains(a: unknown, b: unknown): boolean {
  if (Array.isArray(b)) return Array.isArray(a) && b.every((item, i) => contains(a[i], item));
  if (b && typeof b === 'object') return !!a && typeof a === 'object' && Object.entries(b).every(([k, v]) => contains((a as Record<string, unknown>)[k], v));
  return a === b;
}

async function fix(text: string) {
  return runFix(['-'], { stdin: text, overrides: { only: RULES }, fix: OPTIONS });
}

test('fix properties over generated manifests: rescan clean, idempotent, untouched lines identical, values kept', async () => {
  await fc.assert(
    fc.asyncProperty(shapeArb, async (shape) => {
      const input = render(shape);
      const first = await fix(input);
      assert.equal(first.before.errors.length, 0, JSON.stringify(first.before.errors));
      const fixedFile = first.files[0];
      assert.ok(fixedFile, 'there is always something to fix');
      const fixed = fixedFile.after;
      const body = input.replace(/^\uFEFF/, '');
      // Rescan: nothing the fix was for is left.
      assert.deepEqual(first.remaining.findings.map((f) => `${f.ruleId} ${f.message}`), []);
      // Idempotent.
      const second = await fix(fixed);
      assert.deepEqual(second.files, []);
      // Untouched lines byte-identical, in order; CRLF kept on new lines.
      const patch = structuredPatch('a', 'b', body, fixed, '', '', { context: 0 });
      for (const hunk of patch.hunks) {
        for (const line of hunk.lines.filter((l) => l.startsWith('-'))) assert.match(line, /[{[]/, `only flow lines are rewritten: ${line}`);
        if (shape.crlf) for (const line of hunk.lines.filter((l) => l.startsWith('+'))) assert.ok(line.endsWith('\r'), `a CRLF file gets CRLF lines: ${JSON.stringify(line)}`);
      }
      // Parses; the input's values are all still there; other documents unchanged.
      const before = loadAll(body);
      const after = loadAll(fixed);
      assert.equal(after.length, before.length);
      before.forEach((doc, i) => {
        assert.ok(contains(after[i], doc), `document ${i} lost a value`);
        if ((doc as { kind?: string }).kind === 'ConfigMap') assert.deepEqual(after[i], doc);
      });
      return true;
    }),
    { numRuns: 60, seed: 14 },
  );
});

// Kubernetes' own reader, when issue 10's differential harness is on this checkout.
const harness = join(repoRoot, 'dist/test/support/k8s-yaml.js');
if (existsSync(harness)) {
  test('fixed manifests read the same with sigs.k8s.io/yaml as with our parser', async (t) => {
    const mod = (await import(pathToFileURL(harness).href)) as {
      k8sYamlTool(): { bin: string } | { skip: string };
      kubernetesReads(bin: string, streams: readonly string[]): ({ docs: unknown[] } | { error: string })[];
    };
    const tool = mod.k8sYamlTool();
    if ('skip' in tool) return t.skip(tool.skip);
    const shapes = fc.sample(shapeArb, { numRuns: 40, seed: 41 });
    const fixed = await Promise.all(shapes.map(async (s) => (await fix(render(s))).files[0]!.after));
    const reads = mod.kubernetesReads(tool.bin, fixed);
    reads.forEach((read, i) => {
      assert.ok('docs' in read, `Kubernetes could not read fixed manifest ${i}: ${'error' in read ? read.error : ''}`);
      assert.deepEqual(read.docs, loadAll(fixed[i]!).filter((d) => d !== null && d !== undefined));
    });
  });
}
