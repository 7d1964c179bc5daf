/**
 * shell-in-image (IMG): a shell in the final filesystem gives anyone who gets code
 * execution in the container an interactive foothold.
 */
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
  },
  check(ctx) {
    for (const image of ctx.images()) {
      for (const file of image.finalFiles) {
        if (!file.facts.shell) continue;
        ctx.report({
          messageId: 'shell',
          data: { path: file.path, name: file.facts.shell, layer: layerName(image, file.layerIndex), step: stepOf(image, file.layerIndex) },
          loc: image.loc,
          resource: imageResource(image, file),
          ...relatedInstruction(image, file.layerIndex),
        });
      }
    }
  },
});
