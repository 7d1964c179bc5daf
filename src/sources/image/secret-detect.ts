/**
 * Which files in a layer look like secrets by name, and which are worth scanning
 * for credential shapes (those shapes, and the names, live in src/secrets/, shared
 * with the rules). Results never contain the secret itself.
 */
import { isEnvFile, KEY_STORE, SECRET_BASENAMES, secretPathKind, SSH_PRIVATE_KEY } from '../../secrets/secret-file-names.js';

/**
 * File names that hold credentials whatever their content. `weak` names also
 * name templates and library code, so they count only outside system and
 * package directories and for non-code files.
 */
const NAMES: readonly { kind: (base: string, path: string) => string | undefined; weak?: boolean }[] = [
  { kind: (b) => (SSH_PRIVATE_KEY.test(b) ? 'SSH private key' : undefined) },
  { kind: (b) => (isEnvFile(b) ? '.env file' : undefined) },
  { kind: (b) => SECRET_BASENAMES.get(b.toLowerCase()) ?? (b.endsWith('.kubeconfig') ? 'kubeconfig' : undefined) },
  // A key directory's public parts are not secrets.
  { kind: (b, p) => (/\.pub$|^(?:known_hosts|authorized_keys|config)$/.test(b) && /\/\.(?:ssh|gnupg)\//.test(p) ? undefined : secretPathKind(p)) },
  { kind: (b) => (/^credentials(?:\.\w+)?$/i.test(b) ? 'credentials file' : undefined), weak: true },
  { kind: (b) => (KEY_STORE.test(b.toLowerCase()) ? 'key store' : undefined), weak: true },
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
  for (const n of NAMES) {
    if (n.weak && !ordinary) continue;
    const kind = n.kind(base, path);
    if (kind) return { kind, needsContent: false };
  }
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
