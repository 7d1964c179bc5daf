import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatVerdictText, verdictJson } from '../../src/signatures/format-verdict.js';
import type { SignatureVerdict } from '../../src/signatures/signature-types.js';

const verdict: SignatureVerdict = {
  reference: 'docker://user:s3cret-pass@registry.example/team/app:v1',
  digest: `sha256:${'a'.repeat(64)}`,
  verified: false,
  checks: [
    { format: 'notation-jws', found: 'referrers-api', artifact: `sha256:${'b'.repeat(64)}`, layer: 0, status: 'failed', reason: 'authenticity: untrusted CA', signer: { subject: 'O=acme API_TOKEN=tok-12345, CN=x' } },
    { found: 'cosign-tag', artifact: 'sha256-x.sig', status: 'failed', reason: 'registry says DB_PASSWORD=hunter2' },
  ],
  notes: [],
  summary: 'none of the 2 signatures found verifies',
};

test('verdicts are redacted in text and JSON, whatever part of them came from a registry', () => {
  const text = formatVerdictText(verdict);
  const json = JSON.stringify(verdictJson(verdict));
  for (const out of [text, json]) {
    assert.ok(!out.includes('s3cret-pass') && !out.includes('tok-12345') && !out.includes('hunter2'), out);
    assert.match(out, /API_TOKEN=\*\*\*/);
  }
  assert.match(text, /failed +Notary Project signature \(JWS\) sha256:b{64}#0 found in the OCI referrers API/);
  assert.match(text, /failed +signature artifact sha256-x.sig found in cosign's sha256-<hex>.sig tag/);
  assert.match(text, /NOT SIGNED \(image-not-signed\): none of the 2 signatures found verifies/);
  assert.equal((verdictJson(verdict) as { signatures: { format: unknown }[] }).signatures[1]!.format, null);
});
