/**
 * shell-in-image (IMG): a shell in the final filesystem gives anyone who gets code
 * execution in the container an interactive foothold.
 */
import { posix } from 'node:path';
import { defineRule } from './rule.js';
import { imageResource, layerName, relatedInstruction, stepOf } from './support/image-findings.js';

export default defineRule({
  id: 'shell-in-image',
  title: 'Image contains a shell',
  severity: 'low',
  inputs: ['IMG'],
  rationale:
    'A shell turns a code-execution bug into an interactive session: an attacker can explore, download tools and pivot. Images that run one program do not need one.',
  remedy: 'Ship the application on a minimal base (distroless, scratch, a static binary) and keep shells in the build stages of a multi-stage build.',
  references: [
    { title: 'CIS Docker Benchmark 4.3: Ensure that unnecessary packages are not installed in the container' },
    { title: 'NIST SP 800-190 4.1: Image countermeasures (minimal images)' },
  ],
  messages: {
    shell: 'The final filesystem holds a shell, {{path}} ({{name}}), from {{layer}}, step: {{step}}.',
    shellWithLinks: 'The final filesystem holds a shell, {{path}} ({{name}}; also as {{links}}), from {{layer}}, step: {{step}}.',
  },
  check(ctx) {
    for (const image of ctx.images()) {
      const shells = image.finalFiles.filter((f) => f.facts.shell);
      const byPath = new Map(shells.map((f) => [f.path, f]));
      // A symlink to a shell (busybox's `sh`, `ash`) is the same shell: one finding per
      // binary, naming its other names, rather than one per link.
      const links = new Map<string, string[]>();
      const folded = new Set<string>();
      for (const f of shells) {
        if (f.type !== 'symlink' || !f.linkTarget) continue;
        const target = resolveLink(f.path, f.linkTarget);
        if (target === f.path || !byPath.has(target)) continue;
        links.set(target, [...(links.get(target) ?? []), f.path]);
        folded.add(f.path);
      }
      for (const file of shells) {
        if (folded.has(file.path)) continue;
        const also = links.get(file.path);
        const data = { path: file.path, name: file.facts.shell!, layer: layerName(image, file.layerIndex), step: stepOf(image, file.layerIndex) };
        ctx.report({
          messageId: also ? 'shellWithLinks' : 'shell',
          data: also ? { ...data, links: also.sort().join(', ') } : data,
          loc: image.loc,
          resource: imageResource(image, file),
          ...relatedInstruction(image, file.layerIndex),
        });
      }
    }
  },
});

/** Where a symlink points, as an absolute path inside the image. */
function resolveLink(path: string, target: string): string {
  return posix.resolve(target.startsWith('/') ? '/' : posix.dirname(path), target);
}
