/**
 * What makes a file, a variable or a piece of text look like a secret. A small
 * curated set rather than a detector package: the npm sets we looked at
 * (secretlint presets) run through their own async engine over whole files, which
 * does not fit a streaming scan of layers; these shapes cover the formats the
 * guides name (private keys, cloud and forge tokens, URLs with a password).
 * Results never contain the secret itself, only what kind it is.
 */

/** Token shapes, each with a literal start so the combined pre-filter stays fast. */
const CONTENT_PATTERNS: readonly { kind: string; re: RegExp }[] = [
  { kind: 'PEM private key', re: /-----BEGIN (?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'AWS access key ID', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/ },
  { kind: 'GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,}/ },
  { kind: 'Slack token', re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { kind: 'Stripe secret key', re: /\b[rs]k_live_[A-Za-z0-9]{24,}/ },
  { kind: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: 'npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { kind: 'URL with a password', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"]+:(?!(?:password|passwd|pass|secret|x|\*+)@)[^\s@/'"$<{]{3,}@[^\s]/i },
];

const PREFILTER = /-----BEGIN|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|k_live_|AIza|npm_|:\/\//;

/** Kinds of secret found in `text` (empty when none). */
export function secretKindsIn(text: string): string[] {
  if (!PREFILTER.test(text)) return [];
  return CONTENT_PATTERNS.filter((p) => p.re.test(text)).map((p) => p.kind);
}

/** True when a value itself has a credential's shape. */
export function looksLikeSecretValue(value: string): boolean {
  return secretKindsIn(value).length > 0;
}

/** Names that say "secret" (RULES.md, secret-in-env / secret-in-build-arg). */
const SECRET_VAR = /(?:passw(?:or)?d|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth|pwd)/i;

/** True when a variable or argument name says it holds a secret. */
export function isSecretLikeName(name: string): boolean {
  return SECRET_VAR.test(name);
}

/**
 * File names that hold credentials whatever their content. `weak` names also
 * name templates and library code, so they count only outside system and
 * package directories and for non-code files.
 */
const NAMES: readonly { kind: string; weak?: boolean; test: (base: string, path: string) => boolean }[] = [
  { kind: 'SSH private key', test: (b) => /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/.test(b) },
  { kind: '.env file', test: (b) => b === '.env' || /^\.env\.(?!example$|sample$|template$|dist$)/.test(b) },
  { kind: 'credentials file', weak: true, test: (b) => /^credentials(?:\.\w+)?$/i.test(b) },
  { kind: 'npm credentials', test: (b) => b === '.npmrc' },
  { kind: 'netrc credentials', test: (b) => b === '.netrc' || b === '_netrc' },
  { kind: 'git credentials', test: (b) => b === '.git-credentials' },
  { kind: 'PyPI credentials', test: (b) => b === '.pypirc' },
  { kind: 'Docker credentials', test: (_b, p) => p.endsWith('/.docker/config.json') },
  { kind: 'kubeconfig', test: (b, p) => b === 'kubeconfig' || p.endsWith('/.kube/config') },
  { kind: 'key store', weak: true, test: (b) => /\.(?:p12|pfx|jks|keystore)$/i.test(b) },
  { kind: 'htpasswd file', test: (b) => b === '.htpasswd' },
];

/** Directories whose contents are the system's or a package manager's, where a weak name match means nothing. */
const SYSTEM_DIRS = /^\/(?:usr|lib|lib32|lib64|libx32|bin|sbin|proc|sys|etc\/ssl\/certs|etc\/ca-certificates)\/|\/(?:node_modules|site-packages|dist-packages)\//;
const CODE_EXT = /\.(?:py|pyc|js|mjs|cjs|ts|go|rb|java|class|c|h|so|a|html|md|txt\.gz|mo|po|pm|php)$/i;

/**
 * Why a path's name looks secret, or undefined. Key-like extensions (`*.pem`,
 * `*.key`) are reported only with `needsContent`, because public certificates
 * share them: the caller confirms with the content.
 */
export function secretFileName(path: string): { kind: string; needsContent: boolean } | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base.endsWith('.pub')) return undefined;
  const ordinary = !SYSTEM_DIRS.test(path) && !CODE_EXT.test(base);
  for (const n of NAMES) if ((!n.weak || ordinary) && n.test(base, path)) return { kind: n.kind, needsContent: false };
  if (/\.(?:pem|key|crt)$/i.test(base)) return { kind: 'key file', needsContent: true };
  if (/secret/i.test(base) && ordinary) return { kind: 'secret-named file', needsContent: false };
  return undefined;
}

/**
 * Content is not scanned in system and package-manager trees (documentation,
 * headers, library code, installed packages' test fixtures), where example keys
 * and URLs abound and a user's own secret is rarely put.
 */
const NO_CONTENT_SCAN = /^\/usr\/(?:share|lib|lib32|lib64|libexec|include)\/|\/(?:node_modules|site-packages|dist-packages)\//;

/** True when a file's content is worth scanning for secrets. */
export function scanContentOf(path: string): boolean {
  return !NO_CONTENT_SCAN.test(path);
}

/**
 * Text fit to print: `NAME=value` assignments with a secret-like name, and
 * anything with a credential's shape, replaced by `***`. For history steps
 * (`|1 API_TOKEN=… /bin/sh -c …`) quoted in messages.
 */
export function redactSecrets(text: string): string {
  let out = text.replace(/\b([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s"']+)/g, (whole, name: string) => (isSecretLikeName(name) ? `${name}=***` : whole));
  out = out.replace(/(:\/\/[^\s:@/'"]+:)[^\s@/'"]+@/g, '$1***@');
  if (!PREFILTER.test(out)) return out;
  for (const p of CONTENT_PATTERNS) {
    if (p.kind !== 'URL with a password') out = out.replace(new RegExp(p.re.source, p.re.flags + 'g'), '***');
  }
  return out;
}
