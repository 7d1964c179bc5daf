/**
 * Quadlet drop-ins, merged the way systemd merges them (systemd.unit(5),
 * podman-systemd.unit(5)): for `foo-bar@baz.container` the `.conf` files of
 * `container.d/`, `foo-.container.d/`, `foo-bar-.container.d/`,
 * `foo-bar@.container.d/` and `foo-bar@baz.container.d/` beside the unit are read;
 * a file name further down that list replaces the same name further up; the
 * survivors apply in file-name order after the unit itself. An empty assignment
 * (`Key=`) clears what earlier lines set for that key, as systemd does for lists.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ScanModel } from '../../model/scan-model.js';
import { readSideFile } from '../side-file.js';
import type { SourceFile } from '../source-file.js';
import { parseUnitFile, type UnitProblem, type UnitSection } from './unit-file.js';
import type { UnitIdentity } from './unit-specifiers.js';

/** More drop-in files than this for one unit are not read (a hostile tree). */
const MAX_DROP_INS = 64;

/** The drop-in directories of a unit, most general first. */
export function dropInDirectories(unit: UnitIdentity): string[] {
  const dirs = [`${unit.type}.d`];
  const parts = unit.prefix.split('-');
  for (let k = 1; k < parts.length; k++) dirs.push(`${parts.slice(0, k).join('-')}-.${unit.type}.d`);
  if (unit.name.includes('@')) dirs.push(`${unit.prefix}@.${unit.type}.d`);
  if (!unit.template || !unit.name.includes('@')) dirs.push(`${unit.name}.${unit.type}.d`);
  return [...new Set(dirs)];
}

export interface DropIn {
  file: SourceFile;
  sections: UnitSection[];
  problems: UnitProblem[];
}

/**
 * Reads the drop-ins that apply to the unit at `path`, in the order they apply.
 *
 * @example
 * readDropIns(model, 'units/web.container', unitIdentity('units/web.container')).map((d) => d.file.path);
 * // ['units/container.d/10-limits.conf', 'units/web.container.d/20-user.conf']
 */
export function readDropIns(model: ScanModel, path: string, unit: UnitIdentity): DropIn[] {
  if (path.startsWith('<')) return [];
  const byName = new Map<string, string>();
  for (const dir of dropInDirectories(unit)) {
    let names: string[];
    try {
      names = readdirSync(join(dirname(path), dir));
    } catch {
      continue;
    }
    for (const name of names) if (name.endsWith('.conf')) byName.set(name, `${dir}/${name}`);
  }
  const ordered = [...byName.keys()].sort().slice(0, MAX_DROP_INS);
  const dropIns: DropIn[] = [];
  for (const name of ordered) {
    const file = readSideFile(model, path, byName.get(name)!);
    if (!file) continue;
    dropIns.push({ file, ...parseUnitFile(file) });
  }
  return dropIns;
}

/**
 * The unit's sections with its drop-ins applied: entries of a drop-in's section
 * follow the unit's entries of the same section (a new section is added), and an
 * empty assignment removes the earlier entries of its key.
 */
export function mergeSections(base: readonly UnitSection[], dropIns: readonly DropIn[]): UnitSection[] {
  const merged = base.map((s) => ({ ...s, entries: [...s.entries] }));
  const apply = (target: UnitSection, from: UnitSection): void => {
    for (const entry of from.entries) {
      if (entry.value.value === '') target.entries = target.entries.filter((e) => e.key !== entry.key);
      else target.entries.push(entry);
    }
  };
  for (const base of merged) {
    const own = base.entries;
    base.entries = [];
    apply(base, { ...base, entries: own });
  }
  for (const d of dropIns) {
    for (const section of d.sections) {
      let target = merged.find((s) => s.name === section.name);
      if (!target) {
        target = { ...section, entries: [] };
        merged.push(target);
      }
      apply(target, section);
    }
  }
  return merged;
}
