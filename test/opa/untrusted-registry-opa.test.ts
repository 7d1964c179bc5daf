/**
 * The guides' OPA policy (untrusted-registry.rego), evaluated by the real `opa` on
 * generated AdmissionReviews, side by side with seaworthy's `untrusted-registry` rule
 * configured with the same trusted registry. The policy text is read from the guide at
 * test time, never copied here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { Reviewer } from '../../src/admission/reviewer.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { fullCatalogue } from '../../src/scan/run-scan.js';
import { opaBinary } from '../support/go-tools.js';
import { prerequisite, repoRoot } from '../support/prerequisites.js';

const seedsDir = resolve(repoRoot, '../shared/seeds');
const opa = opaBinary();
const skip = prerequisite(existsSync(opa), `opa at ${opa} (bash test/tools/kube/build.sh installs it)`) ?? prerequisite(existsSync(seedsDir), `${seedsDir} (the guides, beside the checkout)`);

/**
 * The policy as the guide prints it: its listing is flattened onto one line (line
 * numbers before it, the next heading after it), so line breaks are put back where each
 * Rego statement starts. `opa check` below proves the result is the policy OPA reads.
 */
function guidePolicy(): { rego: string; trustedPrefix: string } {
  for (const name of readdirSync(seedsDir)) {
    const text = readFileSync(join(seedsDir, name), 'utf8');
    const at = text.indexOf('untrusted-registry.rego');
    if (at === -1) continue;
    const start = text.indexOf('package ', at);
    const end = text.indexOf('}', start);
    if (start === -1 || end === -1) continue;
    const flat = text.slice(start, end + 1);
    const rego = flat
      .replace(/\s+(deny\s*\[)/, '\n\n$1')
      .replace(/\{\s*/, '{\n  ')
      .replace(/(?<!:=|==|!=)\s+(?=(?:input\.|not |[A-Za-z_]\w*\s*:=))/g, '\n  ')
      .replace(/\s*\}$/, '\n}\n');
    const prefix = /startswith\(\s*\w+\s*,\s*"([^"]+)"\s*\)/.exec(rego)?.[1];
    if (!prefix) throw new Error(`no startswith(…, "prefix") in the guide's policy:\n${rego}`);
    return { rego, trustedPrefix: prefix };
  }
  throw new Error(`no guide in ${seedsDir} holds untrusted-registry.rego`);
}

/** Image references as people write them: short names, ports, paths, tags, digests, look-alike hosts. */
function imageArbitrary(trusted: string): fc.Arbitrary<string> {
  const host = trusted.replace(/\/$/, '');
  // About half the images come from the trusted registry, so reviews mix allowed and denied.
  const registry = fc.oneof(
    { arbitrary: fc.constant(`${host}/`), weight: 11 },
    { arbitrary: fc.constantFrom('', `${host}:5000/`, `${host}.evil.io/`, `evil-${host}/`, 'docker.io/', 'index.docker.io/', 'quay.io/', 'ghcr.io/', 'localhost:5000/', 'registry.k8s.io/', `docker.io/${host.split('.')[0]}/`), weight: 11 },
  );
  const part = fc.constantFrom('app', 'nginx', 'team', 'library', 'web-api', 'x_y', host.split('.')[0]!, 'a.b');
  const path = fc.array(part, { minLength: 1, maxLength: 3 }).map((p) => p.join('/'));
  const tag = fc.constantFrom('', ':1', ':1.25.3', ':latest', ':v2-alpine');
  const digest = fc.constantFrom('', '@sha256:4c3a7a0b8f0e1d2c3b4a5968778695a4b3c2d1e0f9e8d7c6b5a4938271605f4e');
  return fc.tuple(registry, path, tag, digest).map(([r, p, t, d]) => `${r}${p}${t}${d}`);
}

test('seaworthy\'s trusted-registry decision equals the guide\'s OPA policy on 1,200 generated reviews', { skip, timeout: 300_000 }, async () => {
  const { rego, trustedPrefix } = guidePolicy();
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-opa-'));
  writeFileSync(join(dir, 'untrusted-registry.rego'), rego);
  // The guide's Rego predates OPA 1.0 (no `if`/`contains`): OPA reads it in v0 mode.
  const check = spawnSync(opa, ['check', '--v0-compatible', join(dir, 'untrusted-registry.rego')], { encoding: 'utf8' });
  assert.equal(check.status, 0, `opa check: ${check.stderr}\n${rego}`);

  const images = fc.sample(fc.array(imageArbitrary(trustedPrefix), { minLength: 1, maxLength: 3 }), { numRuns: 1200, seed: 20261127 });
  const reviews = images.map((list, i) => ({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `review-${i}`,
      kind: { group: '', version: 'v1', kind: 'Pod' },
      operation: 'CREATE',
      namespace: 'team',
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, namespace: 'team' }, spec: { containers: list.map((image, c) => ({ name: `c${c}`, image })) } },
    },
  }));
  writeFileSync(join(dir, 'input.json'), JSON.stringify({ reviews }));
  // One evaluation for all reviews: each review is the policy's `input` in turn.
  const query = 'results := [d | r := input.reviews[_]; d := data.kubernetes.admission.deny with input as r]';
  const run = spawnSync(opa, ['eval', '--v0-compatible', '--format', 'json', '-d', join(dir, 'untrusted-registry.rego'), '-i', join(dir, 'input.json'), query], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  const results = (JSON.parse(run.stdout) as { result: { bindings: { results: string[][] } }[] }).result[0]!.bindings.results;
  assert.equal(results.length, reviews.length);

  const { config, errors } = parseConfig(sourceFile('.seaworthy.yaml', `trustedRegistries: ["${trustedPrefix}"]\nrules: { untrusted-registry: high }\nadmission: { rules: { untrusted-registry: enforce } }\n`), fullCatalogue.map((r) => r.id));
  assert.deepEqual(errors, []);
  const reviewer = new Reviewer(config);
  let agree = 0;
  let denied = 0;
  const disagreements: string[] = [];
  for (const [i, review] of reviews.entries()) {
    const { judged } = await reviewer.validate(review.request as never);
    const ours = judged.filter((j) => j.finding.ruleId === 'untrusted-registry').map((j) => /^Image "([^"]+)"/.exec(j.finding.message)![1]!);
    // The policy says "image '<ref>' comes from untrusted registry" per image.
    const theirs = results[i]!.map((m) => /image '([^']+)'/.exec(m)![1]!);
    const same = JSON.stringify([...new Set(ours)].sort()) === JSON.stringify([...new Set(theirs)].sort());
    if (same) agree++;
    else disagreements.push(`${JSON.stringify(images[i])}: opa ${JSON.stringify(theirs)}, seaworthy ${JSON.stringify(ours)}`);
    if (theirs.length) denied++;
  }
  console.log(`# opa and seaworthy agree on ${agree} of ${reviews.length} reviews (${denied} denied by the policy)`);
  assert.deepEqual(disagreements.slice(0, 10), []);
  assert.equal(agree, reviews.length);
  assert.ok(denied > 200 && denied < reviews.length - 100, `a mix of trusted and untrusted images (${denied} denied)`);
});
