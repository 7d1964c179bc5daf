/**
 * image-not-pinned: an image without a tag, or `latest`, is whatever the
 * registry serves today; builds and deployments stop being reproducible and a
 * changed upstream image ships without review.
 */
import { defineRule } from './rule.js';
import { parseRealImage } from './support/registry.js';

export default defineRule({
  id: 'image-not-pinned',
  title: 'Image is not pinned to a version',
  severity: 'medium',
  inputs: ['DF', 'K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'A missing tag means `latest`, which moves: what runs differs between nodes and over time, rollbacks do not roll back, and a compromised or broken upstream push is picked up silently.',
  remedy: 'Pin a specific version tag, and preferably the digest too: `nginx:1.27.3@sha256:…`.',
  references: [
    { title: 'CIS Docker Benchmark 4.2: Ensure that containers use only trusted base images' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Use immutable container images' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #13 - Use trusted and pinned images', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    untagged: 'Image "{{image}}" has no tag, so it means "latest": pin a version tag or a digest.',
    latest: 'Image "{{image}}" uses the moving tag "latest": pin a version tag or a digest.',
  },
  check(ctx) {
    for (const use of ctx.imageRefs()) {
      if (use.ref.dynamic) continue;
      const ref = parseRealImage(use.ref.value);
      if (!ref || ref.digest !== undefined) continue;
      if (ref.tag === undefined) ctx.report({ messageId: 'untagged', data: { image: use.ref.value }, loc: use.ref.loc, resource: use.resource });
      else if (ref.tag === 'latest') ctx.report({ messageId: 'latest', data: { image: use.ref.value }, loc: use.ref.loc, resource: use.resource });
    }
  },
});
