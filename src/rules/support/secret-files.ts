/**
 * File names that hold credentials: private keys, tokens in tool config files,
 * cloud and cluster credentials. Used for Containerfile COPY/ADD sources.
 */

import { isEnvFile, KEY_STORE, SECRET_BASENAMES, SECRET_PATHS, SSH_PRIVATE_KEY } from '../../secrets/secret-file-names.js';

/**
 * `*.pem` and `*.key` are usually private keys but also how CA bundles,
 * certificates and package-signing keys ship; a name that says it is one of those
 * is public and not reported.
 */
const PUBLIC_KEY_NAME = /(?:^|[-_.])(?:ca|cacert|cert|certs|certificate|chain|fullchain|bundle|root|pub|public|pubkey|gpg|pgp|keyring|signing|release|archive|repo)(?:[-_.]|$)/;

/** Destinations that hold only public material: package-signing keyrings and CA stores. */
const PUBLIC_KEY_DIRS = /^\/(?:etc\/apt\/|usr\/share\/keyrings\/|etc\/pki\/rpm-gpg\/|etc\/pki\/ca-trust\/|etc\/ssl\/certs\/|usr\/local\/share\/ca-certificates\/|usr\/share\/ca-certificates\/)/;

/**
 * True when a file copied to `destination` lands where only public keys and certificates go.
 *
 * @example
 * isPublicKeyDestination('/etc/apt/keyrings/vendor.asc'); // true
 */
export function isPublicKeyDestination(destination: string): boolean {
  return PUBLIC_KEY_DIRS.test(destination);
}

/**
 * True when a path (as written in a COPY/ADD source) names a secret-like file.
 *
 * @example
 * isSecretFile('deploy/id_rsa'); // true
 * isSecretFile('id_rsa.pub'); // false: a public key
 * isSecretFile('.env.example'); // false: a template
 */
export function isSecretFile(path: string): boolean {
  const p = path.replace(/\\/g, '/').toLowerCase();
  if (SECRET_PATHS.test(p)) return true;
  const base = p.replace(/\/+$/, '').split('/').pop() ?? '';
  if (!base || base === '.' || base === '*') return false;
  if (base.endsWith('.pub')) return false;
  if (SECRET_BASENAMES.has(base) || base.endsWith('.kubeconfig')) return true;
  if (isEnvFile(base)) return true;
  if (SSH_PRIVATE_KEY.test(base)) return true;
  if (KEY_STORE.test(base)) return true;
  if (base.endsWith('.pem') || base.endsWith('.key')) return !PUBLIC_KEY_NAME.test(base.slice(0, -4));
  if (base.includes('secret')) return true;
  if (base.startsWith('credentials')) return true;
  return false;
}
