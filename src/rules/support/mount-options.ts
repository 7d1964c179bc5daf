/**
 * Reading mount options the way mount(8) does: options apply left to right, so
 * `noexec,exec` ends up exec and `ro,rw` ends up writable. A `dynamic` option
 * (a variable) makes the answer unknown, and unknown is never a violation.
 */
import type { Located } from '../../model/location.js';
import type { Mount } from '../../model/container-spec.js';
import { ENGINE_DEFAULTS, type Engine } from './engine-defaults.js';

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

/** An engine's name as written in messages. */
const ENGINE_NAME: Record<Engine, string> = { docker: 'Docker', podman: 'Podman' };

/**
 * What a tmpfs mount really lacks of nosuid, nodev, noexec and a size limit, as
 * words for a message (`noexec (exec is set)`, `a size limit`), after the
 * engine's own defaults (engine-defaults.ts): Docker starts every tmpfs with
 * noexec,nosuid,nodev, Podman with nosuid,nodev. With the engine unknown (a Compose
 * file), an option only some engine adds is missing with that said. Undefined
 * when unknown.
 *
 * @example
 * missingTmpfsHardening({ kind: 'tmpfs', options: [size64m], … }, 'podman'); // ['noexec']
 */
export function missingTmpfsHardening(mount: Mount, engine?: Engine): string[] | undefined {
  const options = mount.options;
  const missing: string[] = [];
  if (options) {
    if (options.some((o) => o.dynamic)) return undefined;
    const row = ENGINE_DEFAULTS.tmpfsOptions;
    for (const flag of ['suid', 'dev', 'exec']) {
      const state = lastOf(options, `no${flag}`, flag);
      const adding = (['docker', 'podman'] as const).filter((e) => (row[e].value as readonly string[]).includes(`no${flag}`));
      if (state === flag) missing.push(`no${flag} (${flag} is set)`);
      else if (state !== undefined) continue;
      else if (engine ? adding.includes(engine) : adding.length === 2) continue;
      else if (!engine && adding.length === 1) missing.push(`no${flag} (${ENGINE_NAME[adding[0]!]} adds it, ${ENGINE_NAME[adding[0] === 'docker' ? 'podman' : 'docker']} does not)`);
      else missing.push(`no${flag}`);
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
