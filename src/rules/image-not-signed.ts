/**
 * image-not-signed: an image that configuration (`signatures:`) or `--verify` says
 * must be signed has no signature that verifies, for its digest, against the
 * configured cosign keys or Notary Project trust store and policy. The check itself
 * (discovery and cryptography) is done before the rules run, by src/signatures, and
 * only where reading a registry was asked for: `seaworthy image`, `scan
 * --resolve-images`, admission. The rule reports the verdicts it finds in the model.
 */
import { defineRule } from './rule.js';

export default defineRule({
  id: 'image-not-signed',
  title: 'Image that must be signed has no valid signature',
  severity: 'high',
  inputs: ['IMG', 'K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'A signature binds an image digest to a key or certificate the operator trusts. Without one that verifies, nothing shows the image was built and approved by its owner: a pushed-over tag, a compromised registry or a typo-squatted repository runs unnoticed.',
  remedy:
    'Sign the image digest (`cosign sign --key cosign.key IMAGE@DIGEST`, or `notation sign IMAGE@DIGEST`) with a key or certificate the configuration trusts, and deploy it by digest; see docs/signatures.md.',
  references: [
    { title: 'Sigstore cosign: signing containers', url: 'https://docs.sigstore.dev/cosign/signing/signing_with_containers/' },
    { title: 'Notary Project specification: trust store and trust policy', url: 'https://github.com/notaryproject/specifications/blob/main/specs/trust-store-trust-policy.md' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: use signed, trusted images' },
  ],
  messages: {
    notSigned: 'Image "{{image}}" must be signed, but {{why}}',
  },
  details:
    'Which images must be signed, and by which cosign public keys or Notary Project trust store and trust policy, is set under `signatures:` in `.seaworthy.yaml`; `seaworthy image REF --verify --key cosign.pub` (or `--trust-store DIR --trust-policy FILE`) asks for it on the command line. ' +
    'Signatures are found through the OCI referrers API, the referrers tag schema (`sha256-<hex>`) and cosign\'s `sha256-<hex>.sig` tag, in a registry or an OCI layout, and verified offline; see docs/signatures.md for what is and is not checked without the network. ' +
    'Kubernetes, Compose, run-line and Quadlet references are checked only with `seaworthy scan --resolve-images`, since a scan does not touch the network unasked.',
  check(ctx) {
    for (const image of ctx.images()) {
      const v = image.signature;
      if (v && !v.verified) ctx.report({ messageId: 'notSigned', data: { image: image.ref, why: v.summary }, loc: image.loc });
    }
    for (const use of ctx.imageRefs()) {
      const v = use.signature;
      if (v && !v.verified) ctx.report({ messageId: 'notSigned', data: { image: use.ref.value, why: v.summary }, loc: use.ref.loc, resource: use.resource });
    }
  },
});
