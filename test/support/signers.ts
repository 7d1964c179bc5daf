/**
 * Where test/tools/signers/build.sh puts the real cosign and notation (outside the repo),
 * versions read from that script, and small helpers to run them in tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './prerequisites.js';

function cacheRoot(): string {
  return process.env['SEAWORTHY_CACHE'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'seaworthy');
}

export function signerBinary(name: 'cosign' | 'notation'): string {
  const version =
    name === 'cosign'
      ? /^cosign_version="(v[^"]+)"/m.exec(readFileSync(join(repoRoot, 'test/tools/signers/build.sh'), 'utf8'))?.[1]
      : /^require github\.com\/notaryproject\/notation (v\S+)/m.exec(readFileSync(join(repoRoot, 'test/tools/signers/notation/go.mod'), 'utf8'))?.[1];
  if (!version) throw new Error(`test/tools/signers pins no ${name} version`);
  return join(cacheRoot(), 'signers', `${name}-${version}`, name);
}

export function signerPresent(name: 'cosign' | 'notation'): boolean {
  return existsSync(signerBinary(name));
}
