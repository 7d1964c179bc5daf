/**
 * Real test images: built by buildah from the Containerfiles in
 * test/fixtures/images/ (FROM scratch + busybox from busybox-static, no download),
 * in a private storage root under a temp dir, exported through each transport.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './prerequisites.js';

export const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p)) ?? '/bin/busybox';

/** A secret.txt that looks like a private key, made at test time (no key-shaped text in the repo). */
export const SECRET_TEXT = ['-----BEGIN OPENSSH', 'PRIVATE KEY-----'].join(' ') + '\nb3BlbnNzaC1rZXktdjEAAAAA\n' + ['-----END OPENSSH', 'PRIVATE KEY-----'].join(' ') + '\n';

export interface BuiltImages {
  dir: string;
  /** Runs buildah with the private storage. */
  buildah(args: string[]): string;
  /** Builds fixture `name` as `localhost/<name>:test`. */
  build(name: string): void;
  /** Exports `name` through a transport; returns the reference to read it by. */
  export(name: string, transport: 'oci' | 'oci-archive' | 'docker-archive', options?: { zstd?: boolean }): string;
  cleanup(): void;
}

export function run(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

export function createImageBuilds(): BuiltImages {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-img-'));
  const storage = ['--root', join(dir, 'root'), '--runroot', join(dir, 'runroot'), '--storage-driver', 'vfs'];
  const buildah = (args: string[]): string => run('buildah', [...storage, ...args]);
  return {
    dir,
    buildah,
    build(name) {
      const ctx = join(dir, `ctx-${name}`);
      cpSync(join(repoRoot, 'test/fixtures/images', name), ctx, { recursive: true });
      copyFileSync(BUSYBOX, join(ctx, 'busybox'));
      writeFileSync(join(ctx, 'secret.txt'), SECRET_TEXT);
      buildah(['bud', '--isolation', 'chroot', '--layers', '-q', '-t', `localhost/${name}:test`, '-f', join(ctx, 'Containerfile'), ctx]);
    },
    export(name, transport, options = {}) {
      const suffix = options.zstd ? '-zstd' : '';
      const target = join(dir, `${name}${suffix}.${transport}`);
      const dest =
        transport === 'docker-archive' ? `docker-archive:${target}:localhost/${name}:test` : `${transport}:${target}:test`;
      buildah(['push', '-q', ...(options.zstd ? ['--compression-format', 'zstd'] : []), `localhost/${name}:test`, dest]);
      return transport === 'docker-archive' ? `docker-archive:${target}` : `${transport}:${target}:test`;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
