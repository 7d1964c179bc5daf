/**
 * package-manager-in-image (IMG): a package manager left in the image lets an
 * intruder install tools, and makes the image drift from what was reviewed.
 */
import type { LayerFile } from '../model/image-spec.js';
import { defineRule } from './rule.js';
import { imageResource, layerName, relatedInstruction, stepOf } from './support/image-findings.js';

export default defineRule({
  id: 'package-manager-in-image',
  title: 'Image contains a package manager',
  severity: 'low',
  inputs: ['IMG'],
  rationale:
    'A package manager in a running container lets whoever gets in install compilers, scanners and shells, and lets the filesystem drift from the image that was reviewed and scanned.',
  remedy: 'Install packages in a build stage and copy only the results into a minimal final stage (distroless, scratch), or remove the package manager in the final stage.',
  references: [
    { title: 'CIS Docker Benchmark 4.3: Ensure that unnecessary packages are not installed in the container' },
    { title: 'NIST SP 800-190 4.1: Image countermeasures (minimal images)' },
  ],
  messages: {
    manager: 'The final filesystem holds the {{manager}} package manager ({{paths}}), from {{layer}}, step: {{step}}.',
  },
  check(ctx) {
    for (const image of ctx.images()) {
      // One finding per package manager, not per binary (apt and apt-get are one tool).
      const byManager = new Map<string, LayerFile[]>();
      for (const file of image.finalFiles) {
        const pm = file.facts.packageManager;
        if (pm) byManager.set(pm, [...(byManager.get(pm) ?? []), file]);
      }
      for (const [manager, files] of byManager) {
        const first = files[0]!;
        ctx.report({
          messageId: 'manager',
          data: { manager, paths: files.map((f) => f.path).join(', '), layer: layerName(image, first.layerIndex), step: stepOf(image, first.layerIndex) },
          loc: image.loc,
          resource: imageResource(image, first),
          ...relatedInstruction(image, first.layerIndex),
        });
      }
    }
  },
});
