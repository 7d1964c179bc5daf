import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml, YamlSyntaxError } from '../../../src/sources/yaml/parse-yaml.js';
import { keyLoc, locAt, locate, nodeLoc } from '../../../src/sources/yaml/yaml-node.js';
import { sourceFile } from '../../../src/sources/source-file.js';

const text = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: "x"}}
spec:
  containers:
    - name: app
      image: 'nginx:1.27'
      securityContext:
        privileged: true
      args: [a, "b c"]
---
# empty next
---
a: 1
`;

test('values equal a plain load and positions point at the text', () => {
  const docs = parseYaml(sourceFile('pod.yaml', text));
  assert.equal(docs.length, 3);
  const pod = docs[0]!.value as { spec: { containers: { image: string }[] } };
  assert.equal(pod.spec.containers[0]!.image, 'nginx:1.27');
  const node = docs[0]!.node!;
  assert.deepEqual(locAt(node, ['spec', 'containers', 0, 'securityContext', 'privileged']), {
    file: 'pod.yaml', startLine: 9, startColumn: 21, endLine: 9, endColumn: 25,
  });
  // quoted scalars include their quotes
  assert.deepEqual(locAt(node, ['spec', 'containers', 0, 'image']), {
    file: 'pod.yaml', startLine: 7, startColumn: 14, endLine: 7, endColumn: 26,
  });
  assert.deepEqual(locAt(node, ['metadata', 'labels', 'app']), {
    file: 'pod.yaml', startLine: 3, startColumn: 37, endLine: 3, endColumn: 40,
  });
  assert.deepEqual(locAt(node, ['spec', 'containers', 0, 'args', 1]), {
    file: 'pod.yaml', startLine: 10, startColumn: 17, endLine: 10, endColumn: 22,
  });
  assert.equal(keyLoc(node, 'kind')!.startLine, 2);
  assert.equal(docs[1]!.value, null);
  assert.equal(nodeLoc(docs[2]!.node!).startLine, 14);
});

test('a missing path stops at the nearest owner', () => {
  const docs = parseYaml(sourceFile('pod.yaml', text));
  const hit = locate(docs[0]!.node, ['spec', 'containers', 0, 'resources', 'limits']);
  assert.equal(hit.found, false);
  assert.equal(nodeLoc(hit.node!).startLine, 6);
});

test('syntax errors carry 1-based line and column', () => {
  assert.throws(
    () => parseYaml(sourceFile('bad.yaml', 'a: 1\nb: [\n  c: d: e\n')),
    (e: unknown) => e instanceof YamlSyntaxError && e.line === 3 && e.column === 7,
  );
});

test('merge keys are applied to values and positions alike', () => {
  const text = `x-defaults: &hardened
  runAsNonRoot: true
  allowPrivilegeEscalation: false
pod:
  securityContext:
    <<: *hardened
    allowPrivilegeEscalation: true
`;
  const [doc] = parseYaml(sourceFile('m.yaml', text));
  const sc = (doc!.value as { pod: { securityContext: Record<string, unknown> } }).pod.securityContext;
  assert.deepEqual(sc, { runAsNonRoot: true, allowPrivilegeEscalation: true });
  // a merged key is located at the anchor, where its text is; an explicit one where it is written
  assert.equal(locAt(doc!.node!, ['pod', 'securityContext', 'runAsNonRoot']).startLine, 2);
  assert.equal(locAt(doc!.node!, ['pod', 'securityContext', 'allowPrivilegeEscalation']).startLine, 7);
  assert.equal(locate(doc!.node, ['pod', 'securityContext', '<<']).found, false);
});

test('alias expansion is counted before anything walks the values: a billion laughs is a located error, shared anchors are fine', async () => {
  const { billionLaughs } = await import('../../support/hostile.js');
  assert.throws(
    () => parseYaml(sourceFile('bomb.yaml', billionLaughs())),
    (e: unknown) => e instanceof YamlSyntaxError && /expand to more than 100000 extra nodes/.test(e.message) && e.line === 6 && e.column === 10,
  );
  // Long strings aliased many times count by characters.
  const big = `s: &s "${'x'.repeat(200_000)}"\nl: [${Array(60).fill('*s').join(', ')}]\n`;
  assert.throws(() => parseYaml(sourceFile('long.yaml', big)), /extra characters/);
  // Real use: one anchor shared by 200 services is well inside the budget.
  let compose = 'x-common: &common\n  restart: always\n  read_only: true\n  cap_drop: [ALL]\nservices:\n';
  for (let i = 0; i < 200; i++) compose += `  s${i}:\n    <<: *common\n    image: app:${i}\n`;
  const [doc] = parseYaml(sourceFile('compose.yaml', compose));
  assert.equal((doc!.value as { services: Record<string, { read_only: boolean }> }).services['s199']!.read_only, true);
});
