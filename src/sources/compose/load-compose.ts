/**
 * Loads a Compose project the way `docker compose` does: the file, interpolated
 * from the `.env` beside it, each service's `extends` resolved (in the same file
 * or another), then the override file beside it merged on top.
 */
import { basename, dirname, join } from 'node:path';
import type { ScanError } from '../../model/finding.js';
import type { Location } from '../../model/location.js';
import { warn, type ScanModel } from '../../model/scan-model.js';
import { parseEnvFile, type EnvEntry } from '../container-values/env-file.js';

import { besideFile, readSideFile, refusedOutside } from '../side-file.js';
import { selectedFiles } from './project-files.js';
import type { SourceFile } from '../source-file.js';
import { parseYaml, YamlSyntaxError } from '../yaml/parse-yaml.js';
import { applyComposeTags, child, fileStartLoc, scalarText, stripComposeTags, toComposeNode, withoutResets, type ComposeMap, type ComposeNode } from './compose-node.js';
import { interpolate, interpolateTree } from './interpolate.js';
import { mergeService, normalizeService } from './merge.js';

export interface LoadedService {
  name: string;
  keyLoc: ComposeMap['loc'];
  node: ComposeMap;
  /** The top-level `volumes` of the file that declares the service (for `driver_opts` binds). */
  volumes?: ComposeMap;
  /**
   * A file in the service's project directory, which relative paths (`build:`) are
   * resolved from: the first Compose file of its project, or of the `include:` that
   * brought it in.
   */
  projectFile?: string;
}

interface LoadContext {
  model: ScanModel;
  errors: ScanError[];
  env: ReadonlyMap<string, string>;
  origins: ReadonlyMap<string, Location>;
  /**
   * Included projects loaded so far in this load, by files and variables: a file
   * included along many paths (a diamond, or a hostile fan-out) is loaded once.
   */
  included: Map<string, Map<string, LoadedService> | undefined>;
  /** Files of this scan already parsed with this `.env`, by path. */
  files: FileStates;
}

/**
 * One Compose file as parsed once per scan: its services as written, and each
 * service once its `extends` chain is resolved. Without this, services extending
 * services in other files re-read and re-resolved whole files at each step, and a
 * chain of small files fanned out exponentially.
 */
interface ComposeFileState {
  src: SourceFile;
  services: Map<string, LoadedService> | undefined;
  /** The top-level `include:` section, as written (interpolated). */
  include?: ComposeNode;
  resolved: Map<string, ComposeMap>;
  resolving: Set<string>;
}

/** Per scan (model) and `.env` contents: the files parsed most recently, the oldest first. */
const parsedFiles = new WeakMap<ScanModel, Map<string, Map<string, ComposeFileState>>>();

/**
 * How many parsed files a scan keeps for projects read later (per `.env`). Keeping
 * them all held every Compose file's tree to the end of the scan: a corpus of 2,000
 * projects spent a third of its CPU in garbage collection copying them. A project
 * keeps every file it touches while it loads, so `extends` chains never re-read a file
 * within one project; a file read again later only costs its parse (its errors are
 * reported once: the scan drops repeats, scan.ts).
 */
const KEPT_FILES = 256;

interface FileStates {
  get(path: string): ComposeFileState | undefined;
  set(path: string, state: ComposeFileState): void;
}

function filesFor(model: ScanModel, env: ReadonlyMap<string, string>): FileStates {
  let byEnv = parsedFiles.get(model);
  if (!byEnv) parsedFiles.set(model, (byEnv = new Map()));
  const key = JSON.stringify([...env]);
  let recent = byEnv.get(key);
  if (!recent) byEnv.set(key, (recent = new Map()));
  const scan = recent;
  const held = new Map<string, ComposeFileState>();
  return {
    get(path) {
      let state = held.get(path);
      if (state) return state;
      state = scan.get(path);
      if (state) {
        scan.delete(path);
        scan.set(path, state);
        held.set(path, state);
      }
      return state;
    },
    set(path, state) {
      held.set(path, state);
      scan.set(path, state);
      if (scan.size > KEPT_FILES) scan.delete(scan.keys().next().value!);
    },
  };
}

/** The override file names `docker compose` reads beside a base file. */
export function overrideNames(base: string): string[] {
  const m = /^(.*?)\.(ya?ml)$/.exec(base);
  if (!m) return [];
  return [`${m[1]}.override.yaml`, `${m[1]}.override.yml`];
}

/**
 * The services of `src`'s project, in the order first written: the files
 * `COMPOSE_FILE` selects (project-files.ts) or `src` with its override merged, then
 * what their `include:` sections bring in. Problems go to `errors`; what can be
 * read is still returned. A file that `COMPOSE_FILE` lists after the first is read
 * as part of the first's project, never alone.
 */
export function loadCompose(src: SourceFile, model: ScanModel, errors: ScanError[]): LoadedService[] {
  const dotenv = readSideFile(model, src.path, '.env');
  const entries = dotenv ? parseEnvFile(dotenv, true) : [];
  const env = dotenvValues(entries);
  // Where each value is written, so a secret interpolated from `.env` is reported there.
  const origins = new Map(entries.flatMap((e) => (e.value ? [[e.name.value, e.value.loc] as const] : [])));
  const ctx: LoadContext = { model, errors, env, origins, included: new Map(), files: filesFor(model, env) };
  const selection = selectedFiles(src, env, origins, model, errors);
  if (selection?.kind === 'member') return [];
  let files: SourceFile[];
  if (selection) files = selection.files;
  else {
    files = [src];
    const baseName = src.path.slice(src.path.lastIndexOf('/') + 1);
    for (const name of overrideNames(baseName)) {
      const file = readSideFile(model, src.path, name);
      if (!file) continue;
      files.push(file);
      break;
    }
  }
  const project = loadProject(files, ctx, files.map((f) => f.path));
  return project ? [...project.values()].map((service) => ({ ...service, node: withoutResets(service.node) })) : [];
}

/**
 * The files of one project merged in order, then their `include:` sections, which
 * compose-spec evaluates after the merge: each included file is loaded as a project
 * of its own (its directory, its `.env`) and its services copied in.
 */
function loadProject(files: readonly SourceFile[], ctx: LoadContext, stack: readonly string[]): Map<string, LoadedService> | undefined {
  const base = loadServices(files[0]!, ctx);
  if (!base) return undefined;
  for (const file of files.slice(1)) {
    const over = loadServices(file, ctx);
    if (over) mergeInto(base, over);
  }
  for (const file of files) includeInto(base, fileState(file, ctx), ctx, stack);
  return base;
}

/**
 * `include:` (compose-spec 14-include.md): short syntax (a path) or long syntax
 * (`path` as a string or a list merged in order, `project_directory`, `env_file` as
 * a string or a list). Paths are relative to the including file; an included file
 * is interpolated with its `env_file` (default: `.env` in its project directory),
 * over which the including project's own variables win. A file that includes
 * itself, directly or not, is an error at the `include:` item; files outside the
 * scanned tree are not read (side-file.ts says so).
 */
function includeInto(base: Map<string, LoadedService>, state: ComposeFileState, ctx: LoadContext, stack: readonly string[]): void {
  const section = state.include;
  if (!section || (section.kind === 'scalar' && section.value === null)) return;
  if (section.kind !== 'seq') {
    error(ctx, section.loc, '"include" must be a list of Compose files', 'parse');
    return;
  }
  const from = state.src.path;
  for (const item of section.items) {
    const spec = includeSpec(item, ctx);
    if (!spec) continue;
    const sources: SourceFile[] = [];
    for (const p of spec.paths) {
      const file = readSideFile(ctx.model, from, p.text, p.loc);
      if (file) sources.push(file);
      else if (!refusedOutside(ctx.model, from, p.text)) error(ctx, p.loc, `include: cannot read ${p.text}`, 'read');
    }
    if (sources.length !== spec.paths.length || sources.length === 0) continue;
    const cycle = sources.find((f) => stack.includes(f.path));
    if (cycle) {
      error(ctx, item.loc, `include: ${cycle.path} is already being loaded (${[...stack, cycle.path].join(' -> ')}): an include cycle`, 'parse');
      continue;
    }
    const projectDir = spec.projectDirectory ? besideFile(from, spec.projectDirectory) : dirname(sources[0]!.path);
    const inner = includedContext(ctx, from, projectDir, spec.envFiles);
    const key = JSON.stringify([sources.map((f) => f.path), [...inner.env]]);
    if (!ctx.included.has(key)) {
      if (ctx.included.size >= MAX_INCLUDED_PROJECTS) {
        error(ctx, item.loc, `include: more than ${MAX_INCLUDED_PROJECTS} included projects; the rest is not read`, 'size');
        return;
      }
      ctx.included.set(key, undefined);
      ctx.included.set(key, loadProject(sources, inner, [...stack, ...sources.map((f) => f.path)]));
    }
    const services = ctx.included.get(key);
    // A file in the project directory: what relative paths of these services resolve from.
    const projectFile = join(projectDir, basename(sources[0]!.path));
    for (const [name, service] of services ?? []) {
      if (base.has(name)) {
        warn(ctx.model, service.keyLoc, `service "${name}" from the included ${sources[0]!.path} conflicts with a service of the same name in ${from}: Compose refuses this project`, 'include-conflict');
        continue;
      }
      base.set(name, { ...service, projectFile: service.projectFile ?? projectFile });
    }
  }
}

/** Distinct included projects one Compose project may pull in (real ones have a handful). */
const MAX_INCLUDED_PROJECTS = 500;

interface IncludeSpec {
  paths: { text: string; loc: ComposeNode['loc'] }[];
  projectDirectory?: string;
  /** `env_file` entries as written; undefined for the default `.env`. */
  envFiles?: { text: string; loc: ComposeNode['loc'] }[];
}

/** One `include:` item in either syntax; undefined (with an error) when it is not one. */
function includeSpec(item: ComposeNode, ctx: LoadContext): IncludeSpec | undefined {
  const strings = (node: ComposeNode | undefined): { text: string; loc: ComposeNode['loc'] }[] | undefined => {
    if (!node) return undefined;
    const list = node.kind === 'seq' ? node.items : [node];
    const out: { text: string; loc: ComposeNode['loc'] }[] = [];
    for (const n of list) {
      // A path that depends on the deploying shell's variables is not known here.
      if (n.kind !== 'scalar' || n.value === null || n.dynamic) return undefined;
      out.push({ text: String(n.value), loc: n.loc });
    }
    return out;
  };
  if (item.kind === 'scalar') {
    const paths = strings(item);
    return paths ? { paths } : undefined;
  }
  if (item.kind !== 'map') {
    error(ctx, item.loc, 'an "include" item must be a path or a mapping with "path"', 'parse');
    return undefined;
  }
  const pathNode = child(item, 'path');
  if (!pathNode) {
    error(ctx, item.loc, 'an "include" item needs a "path"', 'parse');
    return undefined;
  }
  const paths = strings(pathNode);
  if (!paths) return undefined;
  const spec: IncludeSpec = { paths };
  const dir = child(item, 'project_directory');
  if (dir?.kind === 'scalar' && dir.value !== null && !dir.dynamic) spec.projectDirectory = String(dir.value);
  const envFiles = strings(child(item, 'env_file'));
  if (envFiles) spec.envFiles = envFiles;
  return spec;
}

/**
 * The variables an included project is interpolated with: its env files, in order,
 * under the including project's own variables, which win.
 */
function includedContext(ctx: LoadContext, from: string, projectDir: string, envFiles: IncludeSpec['envFiles']): LoadContext {
  const env = new Map<string, string>();
  const origins = new Map<string, Location>();
  // `readSideFile` resolves beside a file: a name in the project directory stands for it.
  const files = envFiles
    ? envFiles.map((f) => readSideFile(ctx.model, from, f.text, f.loc))
    : [readSideFile(ctx.model, join(projectDir, 'compose.yaml'), '.env')];
  for (const file of files) {
    if (!file) continue;
    const entries = parseEnvFile(file, true);
    for (const [name, value] of dotenvValues(entries, env)) env.set(name, value);
    for (const e of entries) if (e.value && env.has(e.name.value)) origins.set(e.name.value, e.value.loc);
  }
  for (const [name, value] of ctx.env) env.set(name, value);
  for (const [name, loc] of ctx.origins) origins.set(name, loc);
  return { model: ctx.model, errors: ctx.errors, env, origins, included: ctx.included, files: filesFor(ctx.model, env) };
}

/**
 * A `.env` file's variables as Compose reads them: unquoted and double-quoted values
 * are interpolated from the variables defined before them (`DATA=${BASE}/data`),
 * single-quoted ones are literal. A value that needs a variable the file does not
 * define depends on the deploying shell: it is left out, so its uses stay unknown.
 */
export function dotenvValues(entries: readonly EnvEntry[], before: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const values = new Map(before);
  for (const e of entries) {
    if (!e.value) continue;
    if (e.quote === "'" || !e.value.value.includes('$')) {
      values.set(e.name.value, e.value.value);
      continue;
    }
    const r = interpolate(e.value.value, values);
    if (r.dynamic || r.errors.length) values.delete(e.name.value);
    else values.set(e.name.value, r.value);
  }
  return before.size ? new Map([...values].filter(([name]) => entries.some((e) => e.name.value === name))) : values;
}

function mergeInto(base: Map<string, LoadedService>, over: Map<string, LoadedService>): void {
  for (const [name, service] of over) {
    const have = base.get(name);
    base.set(name, have ? { ...have, node: mergeService(have.node, service.node) } : service);
  }
}

/** One file's services, `extends` resolved; parsed and resolved once per scan. */
function loadServices(src: SourceFile, ctx: LoadContext): Map<string, LoadedService> | undefined {
  const state = fileState(src, ctx);
  if (!state.services) return undefined;
  const out = new Map<string, LoadedService>();
  for (const [name, service] of state.services) out.set(name, { ...service, node: resolveService(state, name, ctx)! });
  return out;
}

function fileState(src: SourceFile, ctx: LoadContext): ComposeFileState {
  let state = ctx.files.get(src.path);
  if (!state) {
    const parsed = parseServices(src, ctx);
    state = { src, services: parsed?.services, resolved: new Map(), resolving: new Set() };
    if (parsed?.include) state.include = parsed.include;
    ctx.files.set(src.path, state);
  }
  return state;
}

/** Parses one file into its services as written, and its `include:` section. */
function parseServices(src: SourceFile, ctx: LoadContext): { services: Map<string, LoadedService>; include?: ComposeNode } | undefined {
  const root = parseRoot(src, ctx);
  if (!root) return undefined;
  const include = child(root, 'include');
  const services = child(root, 'services');
  const top = child(root, 'volumes');
  const volumes = top?.kind === 'map' ? top : undefined;
  const out = new Map<string, LoadedService>();
  const result = include ? { services: out, include } : { services: out };
  if (services === undefined) return result;
  if (services.kind !== 'map') {
    error(ctx, services.loc, `"services" must be a mapping of service names to services, found a ${services.kind === 'seq' ? 'list' : 'scalar'}`, 'parse');
    return result;
  }
  for (const [name, entry] of services.entries) {
    if (entry.value.kind !== 'map') {
      if (!(entry.value.kind === 'scalar' && entry.value.value === null)) error(ctx, entry.keyLoc, `service "${name}" must be a mapping`, 'parse');
      const empty: ComposeMap = { kind: 'map', loc: entry.keyLoc, entries: new Map() };
      out.set(name, { name, keyLoc: entry.keyLoc, node: empty, ...(volumes && { volumes }) });
      continue;
    }
    out.set(name, { name, keyLoc: entry.keyLoc, node: normalizeService(entry.value), ...(volumes && { volumes }) });
  }
  return result;
}

/**
 * The file's top-level mapping, interpolated; errors for anything else. A file of
 * several documents (`---`) is read as compose-go reads it: each document a layer,
 * merged onto the ones before in order, as an override file would be.
 */
function parseRoot(src: SourceFile, ctx: LoadContext): ComposeMap | undefined {
  let docs;
  const { src: untagged, tags } = stripComposeTags(src);
  try {
    docs = parseYaml(untagged, { dialect: 'compose' });
  } catch (e) {
    const err = e as YamlSyntaxError;
    ctx.errors.push({ file: src.path, line: err.line ?? 1, column: err.column ?? 1, message: `YAML: ${err.message}`, code: 'parse' });
    return undefined;
  }
  let merged: ComposeMap | undefined;
  for (const doc of docs) {
    if (doc.value === null || doc.value === undefined) continue;
    const root = toComposeNode(doc.value, doc.node, fileStartLoc(src));
    applyComposeTags(root, tags);
    if (root.kind !== 'map') {
      error(ctx, root.loc, `a Compose file must be a mapping (with "services:"), found a ${root.kind === 'seq' ? 'list' : 'scalar'}`, 'parse');
      return undefined;
    }
    interpolateTree(root, ctx.env, (message, at) => error(ctx, at.loc, message, 'interpolation'), ctx.origins);
    merged = merged ? mergeLayer(merged, root) : root;
  }
  return merged;
}

/** One document merged onto the documents before it: services as overrides merge, other sections key by key. */
function mergeLayer(base: ComposeMap, over: ComposeMap): ComposeMap {
  const entries = new Map(base.entries);
  for (const [key, entry] of over.entries) {
    const have = entries.get(key)?.value;
    const value = entry.value;
    if (have?.kind !== 'map' || value.kind !== 'map') {
      entries.set(key, entry);
      continue;
    }
    const section = new Map(have.entries);
    for (const [name, item] of value.entries) {
      const first = section.get(name);
      const old = first?.value;
      if (key === 'services' && old?.kind === 'map' && item.value.kind === 'map') {
        // Where the service was first declared names it, as with an override file.
        section.set(name, { keyLoc: first!.keyLoc, value: mergeService(normalizeService(old), normalizeService(item.value)) });
      } else section.set(name, item);
    }
    entries.set(key, { keyLoc: entry.keyLoc, value: { ...value, entries: section } });
  }
  return { ...base, entries };
}

function error(ctx: LoadContext, loc: ComposeNode['loc'], message: string, code: string): void {
  ctx.errors.push({ file: loc.file, line: loc.startLine, column: loc.startColumn, message, code });
}

/**
 * The service `name` of a parsed file with the service it `extends` merged under
 * it (the extending service wins), computed once. Undefined when there is no such
 * service.
 */
function resolveService(state: ComposeFileState, name: string, ctx: LoadContext): ComposeMap | undefined {
  const done = state.resolved.get(name);
  if (done) return done;
  const service = state.services?.get(name);
  if (!service) return undefined;
  const ext = child(service.node, 'extends');
  if (!ext) {
    state.resolved.set(name, service.node);
    return service.node;
  }
  const own = new Map(service.node.entries);
  own.delete('extends');
  const node: ComposeMap = { ...service.node, entries: own };
  state.resolving.add(name);
  const resolved = extendNode(state, ext, node, ctx);
  state.resolving.delete(name);
  state.resolved.set(name, resolved);
  return resolved;
}

function extendNode(state: ComposeFileState, ext: ComposeNode, node: ComposeMap, ctx: LoadContext): ComposeMap {
  const baseName = scalarText(child(ext, 'service'));
  const fileName = scalarText(child(ext, 'file'));
  if (!baseName) {
    error(ctx, ext.loc, 'extends needs a "service"', 'parse');
    return node;
  }
  let target = state;
  if (fileName) {
    const other = readSideFile(ctx.model, state.src.path, fileName, ext.loc);
    if (!other) {
      if (!refusedOutside(ctx.model, state.src.path, fileName)) error(ctx, ext.loc, `extends: cannot read ${fileName}`, 'read');
      return node;
    }
    target = fileState(other, ctx);
  }
  if (target.resolving.has(baseName)) {
    error(ctx, ext.loc, `extends: circular reference to service "${baseName}"`, 'parse');
    return node;
  }
  const base = resolveService(target, baseName, ctx);
  if (!base) {
    error(ctx, ext.loc, `extends: no service "${baseName}"${fileName ? ` in ${fileName}` : ''}`, 'parse');
    return node;
  }
  return mergeService(base, node);
}
