/**
 * Registry credentials from the files podman, skopeo and docker write — never
 * from plain environment variables or the command line, where they leak into
 * shell history and process listings. Lookup order (first file with an entry
 * wins): `--authfile`, `$REGISTRY_AUTH_FILE`, `$XDG_RUNTIME_DIR/containers/auth.json`,
 * `~/.docker/config.json`. Credential helpers (`credHelpers`, `credsStore`) are not run.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  username: string;
  password: string;
  /** The file they came from, for messages (never the secret). */
  from: string;
}

/** Candidate auth files in lookup order. */
export function authFileCandidates(authfile: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  if (authfile) return [authfile];
  const out: string[] = [];
  if (env['REGISTRY_AUTH_FILE']) out.push(env['REGISTRY_AUTH_FILE']);
  if (env['XDG_RUNTIME_DIR']) out.push(join(env['XDG_RUNTIME_DIR'], 'containers', 'auth.json'));
  out.push(join(env['HOME'] || homedir(), '.docker', 'config.json'));
  return out;
}

/** Keys an entry may be stored under, most specific first (auth.json allows `host/namespace`). */
function keysFor(registry: string, repository: string): string[] {
  const parts = repository.split('/');
  const keys: string[] = [];
  for (let n = parts.length; n >= 1; n--) keys.push(`${registry}/${parts.slice(0, n).join('/')}`);
  keys.push(registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`);
  if (registry === 'docker.io') keys.push('https://index.docker.io/v1/', 'index.docker.io', 'registry-1.docker.io');
  return keys;
}

/**
 * Credentials for `registry`/`repository`, or undefined for anonymous access.
 * An explicit `--authfile` that cannot be read is an error; the default files may be absent.
 */
export async function findCredentials(registry: string, repository: string, authfile: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Credentials | undefined> {
  for (const file of authFileCandidates(authfile, env)) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if (authfile) throw new Error(`cannot read auth file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    let parsed: { auths?: Record<string, { auth?: string; username?: string; password?: string }> };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`auth file ${file} is not valid JSON`);
    }
    const auths = parsed.auths ?? {};
    for (const key of keysFor(registry, repository)) {
      const entry = auths[key];
      if (!entry) continue;
      if (entry.username && entry.password) return { username: entry.username, password: entry.password, from: file };
      if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), from: file };
        throw new Error(`auth file ${file}: the entry for ${key} is not base64 of user:password`);
      }
    }
  }
  return undefined;
}
