/**
 * File names that hold credentials, shared by the two places that judge files: a
 * Containerfile's COPY/ADD sources and the files of an image's layers. Each adds
 * what its context allows (a layer can confirm a `*.pem` by its content; a COPY
 * source can only be judged by its name).
 */

/** Whole base names (lower-case) of credential files, with what they hold. */
export const SECRET_BASENAMES: ReadonlyMap<string, string> = new Map([
  ['.npmrc', 'npm credentials'],
  ['.netrc', 'netrc credentials'],
  ['_netrc', 'netrc credentials'],
  ['.git-credentials', 'git credentials'],
  ['.pypirc', 'PyPI credentials'],
  ['.pgpass', 'PostgreSQL password file'],
  ['.htpasswd', 'htpasswd file'],
  ['.dockercfg', 'Docker credentials'],
  ['kubeconfig', 'kubeconfig'],
  ['.vault-token', 'Vault token'],
]);

/** Paths whose last components say what they are, and key directories. */
export const SECRET_PATHS = /(?:^|\/)(?:\.aws\/credentials|\.kube\/config|\.docker\/config\.json|\.ssh|\.gnupg)(?:\/|$)/;

/** What a path under `SECRET_PATHS` holds. */
export function secretPathKind(path: string): string | undefined {
  if (/(?:^|\/)\.docker\/config\.json$/.test(path)) return 'Docker credentials';
  if (/(?:^|\/)\.kube\/config$/.test(path)) return 'kubeconfig';
  if (/(?:^|\/)\.aws\/credentials$/.test(path)) return 'credentials file';
  return SECRET_PATHS.test(path) ? 'key directory file' : undefined;
}

/** SSH private keys (`id_rsa`, `id_ed25519_sk`…); their `.pub` halves are public. */
export const SSH_PRIVATE_KEY = /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?:[._-](?!pub$).*)?$/;

/** Key stores that bundle private keys. */
export const KEY_STORE = /\.(?:p12|pfx|jks|keystore|ppk)$/;

/** `.env` files that are templates, not the real thing. */
export const ENV_TEMPLATE = /^\.env\.(?:example|sample|template|dist|defaults?|tmpl|schema)$/;

/** True for a real `.env` file (not a template). */
export function isEnvFile(base: string): boolean {
  return base === '.env' || (base.startsWith('.env.') && !ENV_TEMPLATE.test(base));
}
