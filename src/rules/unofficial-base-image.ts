/**
 * unofficial-base-image: Docker Official Images are reviewed, rebuilt for
 * security fixes and documented; an arbitrary Hub user's image is not.
 */
import { defineRule } from './rule.js';
import { isTrusted, parseRealImage } from './support/registry.js';

export default defineRule({
  id: 'unofficial-base-image',
  title: 'Base image is not an official or trusted image',
  severity: 'low',
  inputs: ['DF'],
  rationale:
    'Everything in the base image ships in yours. Docker Official Images are maintained, reviewed and rebuilt when their packages get security fixes; an image from an arbitrary account may be stale, abandoned or malicious.',
  remedy: 'Build on a Docker Official Image (`docker.io/library/…`, e.g. `debian:12-slim`) or on an image from a registry in `trustedRegistries`.',
  references: [
    { title: 'CIS Docker Benchmark 4.2: Ensure that containers use only trusted base images' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #13 - Use trusted images', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    unofficial: 'Base image "{{image}}" is neither a Docker Official Image nor from a trusted registry.',
  },
  check(ctx) {
    for (const use of ctx.imageRefs()) {
      if (use.role !== 'base' || use.ref.dynamic) continue;
      const ref = parseRealImage(use.ref.value);
      if (!ref) continue;
      const official = ref.registry === 'docker.io' && /^library\/[^/]+$/.test(ref.repository);
      if (official || isTrusted(ref, ctx.settings.trustedRegistries)) continue;
      ctx.report({ messageId: 'unofficial', data: { image: use.ref.value }, loc: use.ref.loc, resource: use.resource });
    }
  },
});
