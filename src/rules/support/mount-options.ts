/**
 * Reading mount options the way mount(8) does: options apply left to right, so
 * `noexec,exec` ends up exec and `ro,rw` ends up writable. A `dynamic` option
 * (a variable) makes the answer unknown, and unknown is never a violation.
 */
import type { Located } from '../../model/location.js';
import type { Mount } from '../../model/container-spec.js';

/** Which of two opposite options was written last, if either. */
function lastOf(options: readonly Located<string>[], on: string, off: string): string | undefined {
  let state: string | undefined;
  for (const o of options) {
    const name = o.value.trim().toLowerCase();
    if (name === on || name === off) state = name;
  }
  return state;
}

/** True when read-only, false when writable, undefined when it cannot be told. */
export function isReadOnly(mount: Mount): boolean | undefined {
  if (mount.readOnly) return mount.readOnly.dynamic ? undefined : mount.readOnly.value;
  const options = mount.options ?? [];
  if (options.some((o) => o.dynamic)) return undefined;
  const readonly = options.map((o) => (o.value.trim().toLowerCase() === 'readonly' ? { ...o, value: 'ro' } : o));
  return lastOf(readonly, 'ro', 'rw') === 'ro';
}

/** `0`, `0k`, `0.0` — a size of zero means "no limit" to tmpfs and to container engines. */
export function isZeroSize(value: string): boolean {
  return /^\s*0+(\.0*)?\s*[a-z%]*\s*$/i.test(value);
}

/** True when the mount has a non-zero size limit (or one we cannot read, which we do not question). */
function hasSizeLimit(mount: Mount): boolean {
  if (mount.sizeLimit) return mount.sizeLimit.dynamic === true || !isZeroSize(mount.sizeLimit.value);
  return (mount.options ?? []).some((o) => {
    const m = /^\s*(size|tmpfs-size|nr_blocks)\s*=\s*(.*)$/i.exec(o.value);
    return m !== null && (o.dynamic === true || !isZeroSize(m[2]!));
  });
}

/**
 * What a tmpfs mount lacks of nosuid, nodev, noexec and a size limit, as words for
 * a message (`noexec (exec is set)`, `a size limit`). Undefined when unknown.
 *
 * @example
 * missingTmpfsHardening({ kind: 'tmpfs', options: [size64m], … }); // ['nosuid', 'nodev', 'noexec']
 */
export function missingTmpfsHardening(mount: Mount): string[] | undefined {
  const options = mount.options;
  const missing: string[] = [];
  if (options) {
    if (options.some((o) => o.dynamic)) return undefined;
    for (const flag of ['suid', 'dev', 'exec']) {
      const state = lastOf(options, `no${flag}`, flag);
      if (state === flag) missing.push(`no${flag} (${flag} is set)`);
      else if (state === undefined) missing.push(`no${flag}`);
    }
  }
  if (!hasSizeLimit(mount)) missing.push('a size limit');
  return missing;
}

/** `a`, `a and b`, `a, b and c`. */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
