/**
 * secret-file-in-image (DF, IMG): a secret-like file in any layer of an image,
 * including one a later layer deletes — deleting it hides it from the running
 * container, not from anyone who pulls the image and unpacks the layer.
 *
 * DF: COPY/ADD of secret-like files followed through the stages to the final image
 * (support/containerfile-secret-files); a builder stage whose copied output does
 * not carry the secret is fine. IMG: every layer's files, deleted ones included.
 */
import type { ImageSpec, LayerFile } from '../model/image-spec.js';
import type { RuleContext } from './rule.js';
import { defineRule } from './rule.js';
import { secretCopyReports, type SecretCopyMessage } from './support/containerfile-secret-files.js';
import { imageResource, layerName, relatedInstruction, stepOf } from './support/image-findings.js';

type Messages = 'inImage' | 'deletedLater' | SecretCopyMessage;

export default defineRule<Messages>({
  id: 'secret-file-in-image',
  title: 'Secret file baked into an image layer',
  severity: 'critical',
  inputs: ['DF', 'IMG'],
  rationale:
    'Every layer ships with the image. A key or credentials file copied in one step and removed in a later one is still in the earlier layer, readable by anyone who can pull the image.',
  remedy:
    'Never COPY secrets into an image: mount them at build time (`RUN --mount=type=secret`) or at run time, or use them only in a builder stage whose output does not carry them. Rotate any secret that was shipped.',
  references: [
    { title: 'CIS Docker Benchmark 4.10: Ensure secrets are not stored in Dockerfiles' },
    { title: 'NIST SP 800-190 4.1.4: Embedded clear text secrets' },
    { title: 'Docker documentation: Build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #12 - Utilize Docker Secrets for Sensitive Data Management', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    inImage: '{{layer}} holds secret-like file {{path}} ({{why}}), added by step: {{step}}.',
    deletedLater:
      '{{layer}} holds secret-like file {{path}} ({{why}}), added by step: {{step}}. Layer {{by}} {{how}} it, but the layer still holds it: anyone who pulls the image can read it.',
    shipped: '{{keyword}} puts the secret-like file "{{file}}" into the final image: use `RUN --mount=type=secret` or keep it in a builder stage.',
    removed: '{{keyword}} adds the secret-like file "{{file}}"; the RUN on line {{line}} deletes it, but the earlier layer still holds it and anyone who pulls the image can extract it: use `RUN --mount=type=secret` instead.',
    carried: '{{keyword}} puts the secret-like file "{{file}}" into stage "{{stage}}", and the COPY --from on line {{line}} carries it into the final image: copy only the build output, or delete the secret in that stage.',
  },
  check(ctx) {
    for (const build of ctx.builds()) {
      for (const report of secretCopyReports(build)) ctx.report(report);
    }
    for (const image of ctx.images()) checkImage(ctx, image);
  },
});

function checkImage(ctx: RuleContext<Messages>, image: ImageSpec): void {
  for (const layer of image.layers) {
    for (const file of layer.files) {
      const why = reasons(file);
      if (!why) continue;
      const data = { layer: layerName(image, file.layerIndex), path: file.path, why, step: stepOf(image, file.layerIndex) };
      const resource = imageResource(image, file);
      const related = relatedInstruction(image, file.layerIndex);
      if (file.deletedBy) {
        const how = file.deletedBy.how === 'replaced' ? 'replaces' : 'deletes';
        ctx.report({ messageId: 'deletedLater', data: { ...data, by: file.deletedBy.layerIndex, how }, loc: image.loc, resource, ...related });
      } else ctx.report({ messageId: 'inImage', data, loc: image.loc, resource, ...related });
    }
  }
}

/** What makes the file secret-like: its name, its content, or both. Never the secret. */
function reasons(file: LayerFile): string | undefined {
  const parts = [file.facts.secretName, ...(file.facts.secretContent ?? []).map((k) => `contains a ${k}`)].filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}
