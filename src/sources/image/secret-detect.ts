/**
 * Which files in a layer look like secrets by name, and which are worth scanning
 * for credential shapes (those shapes, and secret names, live in src/secrets/,
 * shared with the rules). Results never contain the secret itself.
 */
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
