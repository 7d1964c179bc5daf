/**
 * Where test/tools/kube/build.sh puts the Go-built test tools (outside the repo):
 * `~/.cache/seaworthy/kube/<k8s version>/{kube-apiserver,etcd}` and
 * `~/.cache/seaworthy/opa/<version>/opa`, versions read from the same files build.sh reads;
 * and where test/tools/helm/build.sh puts `~/.cache/seaworthy/helm/<version>/helm`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './prerequisites.js';

function cacheRoot(): string {
  return process.env['SEAWORTHY_CACHE'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'seaworthy');
}

/** The directory of kube-apiserver and etcd for the version pinned in test/tools/kube/go.mod. */
export function kubeBinDir(): string {
  const mod = readFileSync(join(repoRoot, 'test/tools/kube/go.mod'), 'utf8');
  const version = /^\s*k8s\.io\/kubernetes (v\S+)/m.exec(mod)?.[1];
  if (!version) throw new Error('test/tools/kube/go.mod pins no k8s.io/kubernetes version');
  return join(cacheRoot(), 'kube', version);
}

export function kubeBinariesPresent(): boolean {
  const dir = kubeBinDir();
  return existsSync(join(dir, 'kube-apiserver')) && existsSync(join(dir, 'etcd'));
}

/** The opa binary for the version build.sh pins. */
export function opaBinary(): string {
  const script = readFileSync(join(repoRoot, 'test/tools/kube/build.sh'), 'utf8');
  const version = /^opa_version="(v[^"]+)"/m.exec(script)?.[1];
  if (!version) throw new Error('test/tools/kube/build.sh pins no opa_version');
  return join(cacheRoot(), 'opa', version, 'opa');
}

/** The helm binary for the version test/tools/helm/build.sh pins. */
export function helmBinary(): string {
  const script = readFileSync(join(repoRoot, 'test/tools/helm/build.sh'), 'utf8');
  const version = /^version="(v[^"]+)"/m.exec(script)?.[1];
  if (!version) throw new Error('test/tools/helm/build.sh pins no version');
  return join(cacheRoot(), 'helm', version, 'helm');
}
