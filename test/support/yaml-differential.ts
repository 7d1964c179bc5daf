/**
 * What the YAML differential tests share: seaworthy's reading of a stream in one
 * dialect, put in the shape the Go helper answers in (non-empty documents as JSON
 * would carry them, or an error), the comparison, and the run over the whole
 * yaml-test-suite against a listed set of differences with reasons.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseYaml, type YamlOptions } from '../../src/sources/yaml/parse-yaml.js';
import { sourceFile } from '../../src/sources/source-file.js';
import type { KubernetesRead } from './k8s-yaml.js';
import { conformanceDir } from './prerequisites.js';

export type Outcome = { docs: unknown[] } | { error: string };

/** A group of suite cases read differently, and why. */
export interface Difference {
  reason: string;
  cases: string[];
}

/** seaworthy's reading: non-empty documents as JSON would carry them. */
export function ours(text: string, dialect: YamlOptions['dialect']): Outcome {
  try {
    const docs = parseYaml(sourceFile('in.yaml', text), { dialect })
      .map((d) => d.value)
      .filter((v) => v !== null && v !== undefined);
    return { docs: docs.map(asJson) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** What the value is once in JSON: -0 is 0; a non-finite number cannot be written (Go's encoder refuses it). */
export function asJson(value: unknown): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('json: unsupported value (not a finite number)');
    return value === 0 ? 0 : value;
  }
  if (Array.isArray(value)) return value.map(asJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asJson(v)]));
  return value;
}

export function normalise(read: KubernetesRead): Outcome {
  return 'error' in read ? read : { docs: read.docs.map(asJson) };
}

/** The same values, or both rejected. */
export function agree(a: Outcome, b: Outcome): boolean {
  if ('error' in a || 'error' in b) return 'error' in a && 'error' in b;
  return isDeepStrictEqual(a.docs, b.docs);
}

export const suiteDir = join(conformanceDir, 'yaml-test-suite/cases');

/**
 * Every suite case through both readers; fails on a difference not listed, and on a
 * listed one that no longer differs. Returns the counts the test prints.
 */
export function compareSuite(
  theirReads: (texts: string[]) => KubernetesRead[],
  dialect: YamlOptions['dialect'],
  differences: readonly Difference[],
  reader: string,
): { total: number; differing: number } {
  const ids = readdirSync(suiteDir).sort();
  const texts = ids.map((id) => readFileSync(join(suiteDir, id, 'in.yaml'), 'utf8'));
  const theirs = theirReads(texts).map(normalise);
  const differing: string[] = [];
  for (let i = 0; i < ids.length; i++) if (!agree(ours(texts[i]!, dialect), theirs[i]!)) differing.push(ids[i]!);
  const listed = differences.flatMap((d) => d.cases).sort();
  const unexplained = differing.filter((id) => !listed.includes(id));
  const gone = listed.filter((id) => !differing.includes(id));
  const show = (id: string): string => {
    const i = ids.indexOf(id);
    return `${id} ours=${JSON.stringify(ours(texts[i]!, dialect)).slice(0, 200)} ${reader}=${JSON.stringify(theirs[i]).slice(0, 200)}`;
  };
  assert.deepEqual(unexplained, [], `cases read differently from ${reader} and not listed: ${unexplained.map(show).join('\n')}`);
  assert.deepEqual(gone, [], 'listed differences that no longer differ: take them off the list');
  return { total: ids.length, differing: differing.length };
}

/** A scalar in one quoting style; a plain scalar is quoted when YAML would read syntax in it. */
export function styled(value: string, style: string, indent: string): string {
  const plainOk = value !== '' && !/^[-?:,[\]{}#&*!|>'"%@`\s]|: | #|\s$/.test(value);
  if (style === 'plain' && plainOk) return value;
  if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
  // A multi-line double-quoted value whose continuation line sits at the key's indentation.
  if (style === 'double-multiline' && value.includes(' ')) return `"${value.replace(' ', `\n${indent}`)}"`;
  return JSON.stringify(value);
}
