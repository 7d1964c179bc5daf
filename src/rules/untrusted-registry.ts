/**
 * untrusted-registry: images should come only from registries the organisation
 * vets (a mirror, its own registry); anything else is code from an unknown source.
 */
import { defineRule } from './rule.js';
import { isTrusted, parseRealImage } from './support/registry.js';

export default defineRule({
  id: 'untrusted-registry',
  title: 'Image from an untrusted registry',
  severity: 'high',
  inputs: ['DF', 'K8S', 'CMP', 'RUN', 'QL', 'IMG'],
  rationale:
    'An image is code that runs with the container\'s privileges; pulling from registries outside the vetted set bypasses scanning, signing and provenance checks and invites typo-squatted or hijacked images.',
  remedy: 'Pull from a trusted registry (mirror the image into it if needed), or add the registry to `trustedRegistries` once it is vetted.',
  references: [
    { title: 'CIS Docker Benchmark 4.2: Ensure that containers use only trusted base images' },
    { title: 'CIS Kubernetes Benchmark 5.5.1: Configure Image Provenance' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Use trusted registries and image scanning' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #13 - Use trusted images', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    untrusted: 'Image "{{image}}" ({{normalized}}) is not from a trusted registry ({{trusted}}).',
  },
  check(ctx) {
    const trusted = ctx.settings.trustedRegistries;
    // With nothing configured there is no policy to check against.
    if (trusted.length === 0) return;
    for (const use of ctx.imageRefs()) {
      if (use.ref.dynamic) continue;
      const ref = parseRealImage(use.ref.value);
      if (!ref || isTrusted(ref, trusted)) continue;
      ctx.report({ messageId: 'untrusted', data: { image: use.ref.value, normalized: `${ref.registry}/${ref.repository}`, trusted: trusted.join(', ') }, loc: use.ref.loc, resource: use.resource });
    }
  },
});
