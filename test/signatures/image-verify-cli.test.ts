/**
 * `seaworthy image REF --verify` through bin/seaworthy.js on an OCI layout holding a
 * cosign `.sig` tag (signed here with node:crypto in cosign's format): who signed what
 * in text and JSON, image-not-signed with its reason, the configuration's
 * `signatures:`, and usage errors.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../support/prerequisites.js';
import { gzip, tarOf, writeLayout } from '../support/oci-craft.js';
import { keyPair, sha256, signLikeCosign, simpleSigningPayload } from '../support/signature-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'seaworthy-verify-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'image', ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Adds cosign's `sha256-<hex>.sig` manifest, with one simple-signing layer, to a layout. */
function signLayout(layoutDir: string, privateKey: ReturnType<typeof keyPair>['privateKey']): string {
  const index = JSON.parse(readFileSync(join(layoutDir, 'index.json'), 'utf8'));
  const digest: string = index.manifests[0].digest;
  const put = (data: Buffer): string => {
    const d = sha256(data);
    writeFileSync(join(layoutDir, 'blobs/sha256', d.slice(7)), data);
    return d;
  };
  const payload = simpleSigningPayload('localhost/app', digest);
  const config = Buffer.from('{}');
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: put(config), size: 2 },
    layers: [{ mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json', digest: put(payload), size: payload.length, annotations: { 'dev.cosignproject.cosign/signature': signLikeCosign(payload, privateKey).toString('base64') } }],
  }));
  index.manifests.push({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: put(manifest), size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': `sha256-${digest.slice(7)}.sig` } });
  writeFileSync(join(layoutDir, 'index.json'), JSON.stringify(index));
  return digest;
}

describe('seaworthy image --verify', () => {
  let signed = '';
  let unsigned = '';
  let digest = '';
  const signer = keyPair('p256');
  before(async () => {
    const layers = [{ blob: gzip(await tarOf([{ name: 'app/x', content: 'x' }])) }];
    signed = writeLayout(join(dir, 'signed'), layers);
    unsigned = writeLayout(join(dir, 'unsigned'), layers);
    digest = signLayout(join(dir, 'signed'), signer.privateKey);
    writeFileSync(join(dir, 'cosign.pub'), signer.pem);
    writeFileSync(join(dir, 'other.pub'), keyPair('p256').pem);
  });

  test('a verifying key: exit 0, who signed what in text', () => {
    const { code, stdout } = cli(signed, '--verify', '--key', 'cosign.pub', '--rule', 'image-not-signed');
    assert.equal(code, 0, stdout);
    assert.match(stdout, new RegExp(`Signatures of ${signed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${digest}\\)`));
    assert.match(stdout, /verified +cosign signature \(simple signing\) sha256:[0-9a-f]{64}#0 found in the OCI layout/);
    assert.match(stdout, /signed by key sha256:[0-9a-f]{64} \(ECDSA P-256, \S*cosign.pub\)/);
    assert.match(stdout, /VERIFIED: 1 verified signature/);
  });

  test('another key: image-not-signed with the reason, exit 1; JSON carries the verdict', () => {
    const text = cli(signed, '--verify', '--key', 'other.pub', '--rule', 'image-not-signed');
    assert.equal(text.code, 1);
    assert.match(text.stdout, /NOT SIGNED \(image-not-signed\): none of the 1 signature found verifies: no configured key verifies the signature/);
    const json = cli(signed, '--verify', '--key', 'other.pub', '--rule', 'image-not-signed', '--format', 'json');
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout) as { findings: { ruleId: string; message: string }[]; signatures: { verified: boolean; digest: string; signatures: { status: string; reason: string }[] } };
    assert.deepEqual(report.findings.map((f) => f.ruleId), ['image-not-signed']);
    assert.match(report.findings[0]!.message, /must be signed, but none of the 1 signature found verifies/);
    assert.equal(report.signatures.verified, false);
    assert.equal(report.signatures.digest, digest);
    assert.equal(report.signatures.signatures[0]!.status, 'failed');
  });

  test('unsigned image: "unsigned" verdict', () => {
    const { code, stdout } = cli(unsigned, '--verify', '--key', 'cosign.pub', '--rule', 'image-not-signed', '--format', 'json');
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as { signatures: { summary: string; signatures: unknown[] } };
    assert.match(report.signatures.summary, /^unsigned: no signature for sha256:/);
    assert.deepEqual(report.signatures.signatures, []);
  });

  test('signatures: in the configuration requires it without --verify', () => {
    writeFileSync(join(dir, 'sig.yaml'), 'signatures:\n  require:\n    - images: "*"\n      keys: [cosign.pub]\n');
    const bad = cli(unsigned, '-c', 'sig.yaml', '--rule', 'image-not-signed', '--format', 'json');
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /"ruleId": "image-not-signed"/);
    const good = cli(signed, '-c', 'sig.yaml', '--rule', 'image-not-signed');
    assert.equal(good.code, 0, good.stdout);
    // an entry for other repositories does not apply to a layout
    writeFileSync(join(dir, 'other.yaml'), 'signatures:\n  require:\n    - images: [registry.example/team/]\n      keys: [cosign.pub]\n');
    assert.equal(cli(unsigned, '-c', 'other.yaml', '--rule', 'image-not-signed').code, 0);
    writeFileSync(join(dir, 'broken.yaml'), 'signatures:\n  require:\n    - images: "*"\n  cacheTTL: 3\n');
    const broken = cli(unsigned, '-c', 'broken.yaml');
    assert.equal(broken.code, 2);
    assert.match(broken.stdout + broken.stderr, /names no cosign 'keys' and no Notary 'trustStore'/);
  });

  test('usage errors', () => {
    assert.equal(cli(signed, '--key', 'cosign.pub').code, 2);
    assert.match(cli(signed, '--key', 'cosign.pub').stderr, /--key is for signature verification: add --verify/);
    assert.match(cli(signed, '--verify', '--trust-policy', 'p.json').stderr, /--trust-policy needs --trust-store/);
    const missing = cli(signed, '--verify', '--key', 'nope.pub', '--rule', 'image-not-signed');
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /signatures could not be checked: cannot read key .*nope.pub: ENOENT/);
  });
});
