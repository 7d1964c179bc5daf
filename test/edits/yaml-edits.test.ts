import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, loadAll } from 'js-yaml';
import { applyYamlOperations } from '../../src/edits/yaml-edits.js';
import type { EditOperation } from '../../src/edits/edit-operation.js';

const rule = 'test';
const set = (path: string, value: unknown): EditOperation => ({ op: 'set', path, value: value as never, rule });
const add = (path: string, value: unknown, extra: Partial<EditOperation> = {}): EditOperation => ({ op: 'add-to-list', path, value: value as never, rule, ...extra }) as EditOperation;

interface Case {
  name: string;
  input: string;
  ops: EditOperation[];
  output: string;
  doc?: number;
}

const cases: Case[] = [
  {
    name: 'a new key takes its siblings\' indentation; comments before, after and at the end of lines stay',
    input: `# head\nspec:   # trailing\n    # inside\n    a: 1 # on a\n    # after a\nnext: 2\n`,
    ops: [set('/spec/b', true)],
    output: `# head\nspec:   # trailing\n    # inside\n    a: 1 # on a\n    b: true\n    # after a\nnext: 2\n`,
  },
  {
    name: 'missing parents are created in block style with the file\'s indentation step',
    input: `spec:\n    containers:\n    -   name: a\n        image: x\n`,
    ops: [set('/spec/containers/0/securityContext/capabilities/drop', ['ALL'])],
    output: `spec:\n    containers:\n    -   name: a\n        image: x\n        securityContext:\n            capabilities:\n                drop: [ALL]\n`,
  },
  {
    name: 'flow mappings and sequences stay flow',
    input: `securityContext: {runAsUser: 1000}\ndrop: ["NET_RAW"]\nempty: {}\nnone: []\n`,
    ops: [set('/securityContext/runAsNonRoot', true), add('/drop', 'ALL'), set('/empty/a', 'b'), add('/none', 'x')],
    output: `securityContext: {runAsUser: 1000, runAsNonRoot: true}\ndrop: ["NET_RAW", "ALL"]\nempty: {a: b}\nnone: [x]\n`,
  },
  {
    name: 'a block list item follows the last item at its dash, objects written under it',
    input: `volumes:\n  - name: a   # first\n    emptyDir: {}\nafter: 1\n`,
    ops: [add('/volumes', { name: 'tmp', emptyDir: { medium: 'Memory' } }, { identity: ['name'] } as Partial<EditOperation>)],
    output: `volumes:\n  - name: a   # first\n    emptyDir: {}\n  - name: tmp\n    emptyDir:\n      medium: Memory\nafter: 1\n`,
  },
  {
    name: 'strings are quoted like their siblings; values a YAML 1.1 reader would misread are quoted anyway',
    input: `a: "x"\nb: "y"\n`,
    ops: [set('/c', 'RuntimeDefault')],
    output: `a: "x"\nb: "y"\nc: "RuntimeDefault"\n`,
  },
  {
    name: 'plain siblings give plain strings, but 10001:10001 and yes are quoted',
    input: `a: x\n`,
    ops: [set('/user', '10001:10001'), set('/b', 'yes'), set('/c', 'Always')],
    output: `a: x\nuser: "10001:10001"\nb: "yes"\nc: Always\n`,
  },
  {
    name: 'single-quoted siblings give single quotes',
    input: `a: 'x'\n`,
    ops: [set('/c', "it's")],
    output: `a: 'x'\nc: 'it''s'\n`,
  },
  {
    name: 'CRLF files get CRLF lines',
    input: `spec:\r\n  a: 1\r\nb: 2\r\n`,
    ops: [set('/spec/c/d', 3)],
    output: `spec:\r\n  a: 1\r\n  c:\r\n    d: 3\r\nb: 2\r\n`,
  },
  {
    name: 'a byte-order mark stays, root keys at column 0',
    input: `\uFEFFa: 1\n`,
    ops: [set('/b', 2)],
    output: `\uFEFFa: 1\nb: 2\n`,
  },
  {
    name: 'a file without a final newline gets the new line after its last',
    input: `a:\n  b: 1`,
    ops: [set('/a/c', 2)],
    output: `a:\n  b: 1\n  c: 2`,
  },
  {
    name: 'only the named document of a stream changes',
    input: `a: 1\n---\n# two\na: 1\n---\na: 1\n`,
    ops: [set('/b', 2)],
    doc: 1,
    output: `a: 1\n---\n# two\na: 1\nb: 2\n---\na: 1\n`,
  },
  {
    name: 'a value already there is never replaced, an equal list item never repeated',
    input: `a: false\nl: [all]\n`,
    ops: [set('/a', true), add('/l', 'ALL', { ignoreCase: true } as Partial<EditOperation>)],
    output: `a: false\nl: [all]\n`,
  },
  {
    name: 'a scalar is replaced in its own quotes only when asked',
    input: `ports:\n  - "8080:80"\n  - '90:90'\n`,
    ops: [
      { op: 'set', path: '/ports/0', value: '127.0.0.1:8080:80', replace: true, rule },
      { op: 'set', path: '/ports/1', value: '127.0.0.1:90:90', replace: true, rule },
    ],
    output: `ports:\n  - "127.0.0.1:8080:80"\n  - '127.0.0.1:90:90'\n`,
  },
  {
    name: 'a mapping with a merge key: new keys go into its own text; the anchor is not touched',
    input: `base: &b\n  x: 1\nuse:\n  <<: *b\n  y: 2\n`,
    ops: [set('/use/z', 3), set('/use/x', 9)],
    output: `base: &b\n  x: 1\nuse:\n  <<: *b\n  y: 2\n  z: 3\n`,
  },
  {
    name: 'a JSON manifest stays JSON',
    input: `{\n  "spec": {\n    "containers": [{"name": "a"}]\n  }\n}\n`,
    ops: [set('/spec/containers/0/securityContext/capabilities/drop', ['ALL']), set('/spec/automountServiceAccountToken', false)],
    output: `{\n  "spec": {\n    "containers": [{"name": "a", "securityContext": {"capabilities":{"drop":["ALL"]}}}], "automountServiceAccountToken": false\n  }\n}\n`,
  },
  {
    name: 'a remove deletes whole lines only',
    input: `a: 1\nb:\n  c: 2\nd: 3\n`,
    ops: [{ op: 'remove', path: '/b', rule }],
    output: `a: 1\nd: 3\n`,
  },
];

for (const c of cases) {
  test(`yaml edits: ${c.name}`, () => {
    const result = applyYamlOperations('t.yaml', c.input, c.doc ?? 0, c.ops);
    assert.equal(result.text, c.output);
    // The result parses, and every document but the edited one is unchanged.
    const before = loadAll(c.input.replace(/^\uFEFF/, ''));
    const after = loadAll(result.text.replace(/^\uFEFF/, ''));
    assert.equal(after.length, before.length);
    before.forEach((doc, i) => {
      if (i !== (c.doc ?? 0)) assert.deepEqual(after[i], doc);
    });
    // A second application changes nothing.
    assert.equal(applyYamlOperations('t.yaml', result.text, c.doc ?? 0, c.ops).text, result.text);
  });
}

test('yaml edits: a field reached through an alias belongs to the anchor: skipped, not written', () => {
  const input = `sc: &sc\n  runAsUser: 1\npod:\n  securityContext: *sc\n`;
  const result = applyYamlOperations('t.yaml', input, 0, [set('/pod/securityContext/runAsNonRoot', true)]);
  assert.equal(result.text, input);
  assert.equal(result.skipped.length, 1);
  assert.deepEqual(load(result.text), load(input));
});
