/**
 * setuid-binary (IMG): setuid/setgid files are the classic route from a
 * compromised unprivileged process to root inside the container.
 */
import { defineRule } from './rule.js';
import { imageResource, layerName, relatedInstruction, stepOf } from './support/image-findings.js';

export default defineRule({
  id: 'setuid-binary',
  title: 'Image contains setuid or setgid files',
  severity: 'medium',
  inputs: ['IMG'],
  rationale:
    'A setuid or setgid program runs with its owner\'s or group\'s rights whatever user starts it, so a flaw in it raises a non-root process\'s privileges.',
  remedy: 'Remove the bits in the Containerfile (`RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +`) or drop the programs, and run with no-new-privileges.',
  references: [{ title: 'CIS Docker Benchmark 4.8: Ensure setuid and setgid permissions are removed' }],
  messages: {
    bits: '{{path}} has the {{bits}} bit{{plural}} set (mode {{mode}}), from {{layer}}, step: {{step}}.',
  },
  check(ctx) {
    for (const image of ctx.images()) {
      for (const file of image.finalFiles) {
        const bits = [file.facts.setuid ? 'setuid' : '', file.facts.setgid ? 'setgid' : ''].filter(Boolean);
        if (!bits.length) continue;
        ctx.report({
          messageId: 'bits',
          data: {
            path: file.path,
            bits: bits.join(' and '),
            plural: bits.length > 1 ? 's' : '',
            mode: (file.mode & 0o7777).toString(8).padStart(4, '0'),
            layer: layerName(image, file.layerIndex),
            step: stepOf(image, file.layerIndex),
          },
          loc: image.loc,
          resource: imageResource(image, file),
          ...relatedInstruction(image, file.layerIndex),
        });
      }
    }
  },
});
