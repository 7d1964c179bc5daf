/**
 * `signatures:` in .seaworthy.yaml: which images must be signed and by whom.
 *
 *   signatures:
 *     require:
 *       - images: [registry.example.com/team/, 127.0.0.1:5000/app]   # prefix/ , exact repository, or "*"
 *         keys: [keys/cosign.pub]                                      # cosign public keys
 *         trustStore: notation/truststore                              # Notary Project trust store
 *         trustPolicy: notation/trustpolicy.json                       # its trust policy
 *     cacheTtl: 300          # seconds a verdict is kept by digest at admission
 *     mutateToDigest: false  # admission: rewrite a verified tag reference to its digest
 *
 * The first entry whose `images` matches an image applies. Paths are relative to the
 * configuration file.
 */
export interface SignatureRequirement {
  images: string[];
  keys: string[];
  trustStore?: string;
  trustPolicy?: string;
}

export interface SignaturesConfig {
  require: SignatureRequirement[];
  /** Seconds a verdict is cached by digest at admission. */
  cacheTtl: number;
  mutateToDigest: boolean;
}

export const SIGNATURES_KEYS = ['require', 'cacheTtl', 'mutateToDigest'] as const;
export const REQUIREMENT_KEYS = ['images', 'keys', 'trustStore', 'trustPolicy'] as const;
export const DEFAULT_CACHE_TTL = 300;

/** Does `pattern` (prefix ending in `/`, exact repository, or `*`) cover `repository` (`registry/repo`)? */
export function imagePatternMatches(pattern: string, repository: string): boolean {
  if (pattern === '*') return true;
  const p = pattern.toLowerCase();
  const r = repository.toLowerCase();
  return p.endsWith('/') ? r.startsWith(p) : r === p;
}

export function requirementFor(config: SignaturesConfig | undefined, repository: string): SignatureRequirement | undefined {
  return config?.require.find((req) => req.images.some((p) => imagePatternMatches(p, repository)));
}
