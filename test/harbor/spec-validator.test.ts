/**
 * The spec validator the Harbor tests rely on must be able to say no: responses
 * that break the document in the ways an adapter could are each refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HarborSpec } from '../support/harbor-spec.js';
import { needConformance } from '../support/prerequisites.js';

const skip = needConformance('harbor-scanner-spec');
const REPORT = '/scan/{scan_request_id}/report';
const V11 = 'application/vnd.security.vulnerability.report; version=1.1';

test('the validator refuses what the document does not allow', { skip }, () => {
  const spec = new HarborSpec();
  const good = { generated_at: '2026-01-01T00:00:00Z', artifact: { repository: 'a/b', digest: 'sha256:x' }, scanner: { name: 's', vendor: 'v', version: '1' }, severity: 'High', vulnerabilities: [{ id: 'CVE-1', package: 'p', version: '1', severity: 'Low', links: ['https://example.org/x'] }] };
  assert.deepEqual(spec.check({ method: 'get', path: REPORT, status: 200, headers: { 'content-type': V11 }, body: JSON.stringify(good) }), []);
  const bad = (body: object, contentType = V11) => spec.check({ method: 'get', path: REPORT, status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(body) });
  assert.match(bad({ ...good, severity: 'Severe' }).join(), /must be equal to one of the allowed values/);
  assert.match(bad({ ...good, vulnerabilities: [{ ...good.vulnerabilities[0], links: ['not a uri'] }] }).join(), /must match format "uri"/);
  assert.match(bad({ ...good, generated_at: 'yesterday' }).join(), /date-time/);
  assert.match(bad(good, 'application/json').join(), /is not one of/);
  assert.match(spec.check({ method: 'get', path: REPORT, status: 302, headers: {}, body: '' }).join(), /Refresh-After missing/);
  assert.match(spec.check({ method: 'get', path: REPORT, status: 302, headers: { 'refresh-after': 'soon' }, body: '' }).join(), /not an integer/);
  assert.match(spec.check({ method: 'get', path: REPORT, status: 418, headers: {}, body: '' }).join(), /not a response the document defines/);
  assert.match(spec.check({ method: 'get', path: '/metadata', status: 200, headers: { 'content-type': 'application/vnd.scanner.adapter.metadata+json; version=1.1' }, body: JSON.stringify({ scanner: {} }) }).join(), /must have required property 'capabilities'/);
  assert.match(spec.check({ method: 'post', path: '/scan', status: 202, headers: { 'content-type': 'application/vnd.scanner.adapter.scan.response+json; version=1.0' }, body: '{}' }).join(), /required property 'id'/);
});
