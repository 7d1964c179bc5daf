/**
 * Watches files for change by polling their status. Polling rather than fs.watch on
 * purpose: Kubernetes mounts Secrets and ConfigMaps through a `..data` symlink that is
 * swapped atomically, which inotify on the file misses; a stat that follows the link
 * sees the new inode and time.
 */
import { stat } from 'node:fs/promises';

export interface FileWatch {
  stop(): void;
}

/**
 * Calls `onChange` once whenever any of the files changes (inode, size or mtime).
 *
 * @example
 * const w = watchFiles(['tls.crt', 'tls.key'], () => reload(), 1000);
 */
export function watchFiles(paths: readonly string[], onChange: () => void | Promise<void>, intervalMs = 1000): FileWatch {
  let last: string | undefined;
  let busy = false;
  const signature = async (): Promise<string> => {
    const parts = await Promise.all(
      paths.map(async (p) => {
        try {
          const s = await stat(p);
          return `${s.ino}:${s.size}:${s.mtimeMs}`;
        } catch {
          return 'missing';
        }
      }),
    );
    return parts.join('|');
  };
  void signature().then((s) => (last = s));
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void signature()
      .then(async (s) => {
        if (last !== undefined && s !== last) {
          last = s;
          await onChange();
        }
        last = s;
      })
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
