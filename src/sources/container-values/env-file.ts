/**
 * Environment files (`.env`, Compose `env_file`, `--env-file`, Quadlet
 * `EnvironmentFile=`): `NAME=value` lines, `export` prefixes, comments, quoted values.
 * Each entry keeps its position in the env file, so a secret written there is
 * reported where it is written.
 */
import type { EnvVar } from '../../model/container-spec.js';
import type { Location } from '../../model/location.js';
import { rangeLoc, type SourceFile } from '../source-file.js';
import { exactSpan, looseSpan, toLocated, type TextSpan } from './text-span.js';

export interface EnvEntry {
  /** The whole line. */
  loc: Location;
  name: TextSpan;
  /** Absent for a bare `NAME` line (the value comes from the caller's environment). */
  value?: TextSpan;
  /** The quote the value was written in, if any (Compose interpolates all but single-quoted values). */
  quote?: '"' | "'";
}

/**
 * Reads an env file. With `quotes` (Compose's dotenv rules) quoted values are
 * unquoted and ` #` starts a comment; without (docker's `--env-file`) the rest of
 * the line is the value, as written.
 *
 * @example
 * parseEnvFile(sourceFile('.env', 'export A="x y" # c\nB=2\n'), true).map((e) => e.value?.value); // ['x y', '2']
 */
export function parseEnvFile(src: SourceFile, quotes = true): EnvEntry[] {
  const entries: EnvEntry[] = [];
  const text = src.text;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const entry = parseLine(src, lineStart, text.slice(lineStart, lineEnd).replace(/\r$/, ''), quotes);
    if (entry) entries.push(entry);
    lineStart = lineEnd + 1;
  }
  return entries;
}

function parseLine(src: SourceFile, at: number, line: string, quotes: boolean): EnvEntry | undefined {
  const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*(=?)/.exec(line);
  if (!m || line.trimStart().startsWith('#')) return undefined;
  const nameStart = at + m[1]!.length;
  const entry: EnvEntry = { loc: rangeLoc(src, at, at + line.length), name: exactSpan(src, nameStart, m[2]!) };
  if (!m[3]) return entry;
  let valueStart = m[0].length;
  const rest = line.slice(valueStart);
  if (!quotes) {
    entry.value = exactSpan(src, at + valueStart, rest);
    return entry;
  }
  const lead = rest.length - rest.trimStart().length;
  valueStart += lead;
  const raw = rest.trimStart();
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    entry.quote = quote;
    const close = findClose(raw, quote);
    const inner = raw.slice(1, close === -1 ? raw.length : close);
    const value = quote === '"' ? inner.replace(/\\([\\"nrt$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c) : inner;
    entry.value = value === inner ? exactSpan(src, at + valueStart + 1, value) : looseSpan(value, rangeLoc(src, at + valueStart, at + valueStart + raw.length));
    return entry;
  }
  const comment = raw.search(/\s#/);
  const value = (comment === -1 ? raw : raw.slice(0, comment)).trimEnd();
  entry.value = exactSpan(src, at + valueStart, value);
  return entry;
}

function findClose(raw: string, quote: string): number {
  for (let i = 1; i < raw.length; i++) {
    if (raw[i] === '\\' && quote === '"') i++;
    else if (raw[i] === quote) return i;
  }
  return -1;
}

/** The name → value map of an env file, for interpolation. */
export function envFileValues(entries: readonly EnvEntry[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const e of entries) if (e.value) values.set(e.name.value, e.value.value);
  return values;
}

/** An env entry as a model `EnvVar`; a bare `NAME` is a reference to the caller's environment. */
export function envVarOf(entry: EnvEntry): EnvVar {
  const env: EnvVar = { loc: entry.loc, name: toLocated(entry.name) };
  if (entry.value) env.value = toLocated(entry.value);
  else env.reference = true;
  return env;
}

/** `NAME=value` or `NAME` written in one span (`-e`, Compose list items, `Environment=`). */
export function envVarFromAssignment(span: TextSpan, loc: Location = span.loc): EnvVar {
  const eq = span.value.indexOf('=');
  if (eq === -1) return { loc, name: toLocated(span), reference: true };
  return { loc, name: toLocated(span.sub(0, eq)), value: toLocated(span.sub(eq + 1)) };
}
