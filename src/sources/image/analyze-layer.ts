/**
 * Streams one layer blob through digest check → decompression → byte limits →
 * tar entries, and records what each entry is. Nothing is written to disk and no
 * layer is buffered: only notable files, whiteouts, the paths the layer writes
 * (to know what it replaces) and package databases are kept.
 */
import { Transform, type Readable, type TransformCallback, pipeline } from 'node:stream';
import tar from 'tar-stream';
import type { LayerFile, LayerFileType, OsPackage, Whiteout } from '../../model/image-spec.js';
import { createDecompressor } from './decompress.js';
import { createDigestCheck } from './digest-check.js';
import { factsFromName, isInventoryPath, isNotable } from './file-facts.js';
import { parseInventory, type InventoryFacts } from './inventory.js';
import { ExpansionBudget, LimitError, type ImageLimits } from './limits.js';
import { scanContentOf } from './secret-detect.js';
import { credentialKindsIn } from '../../secrets/secret-detection.js';

export interface LayerAnalysis {
  files: LayerFile[];
  whiteouts: Whiteout[];
  /** Every non-directory path the layer writes, so the final view knows what it replaces. */
  written: Set<string>;
  inventory: Map<string, InventoryFacts>;
  entryCount: number;
  expandedBytes: number;
  /** Odd entries that were skipped or flagged (`../` paths…), for the error list. */
  warnings: string[];
}

export interface AnalyzeLayerOptions {
  layerIndex: number;
  limits: ImageLimits;
  /** Digest the raw blob must hash to; omitted only for blobs checked elsewhere. */
  digest?: string;
  /** Digest the uncompressed tar must hash to (docker archives, whose blobs are named by diff ID). */
  uncompressedDigest?: string;
  budget?: ExpansionBudget;
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/**
 * Analyses one layer blob. Rejects with a message naming what was wrong
 * (corrupt compression, digest mismatch, a limit) and never leaves the blob open.
 *
 * @example
 * const facts = await analyzeLayer(createReadStream(blob), { layerIndex: 0, limits: DEFAULT_LIMITS, digest });
 */
export function analyzeLayer(blob: Readable, options: AnalyzeLayerOptions): Promise<LayerAnalysis> {
  const { limits, layerIndex } = options;
  const result: LayerAnalysis = { files: [], whiteouts: [], written: new Set(), inventory: new Map(), entryCount: 0, expandedBytes: 0, warnings: [] };
  // Package databases are parsed as they arrive; the rpm one asynchronously (SQLite in WebAssembly).
  const parsing: Promise<void>[] = [];
  const counter = byteCounter(limits.maxLayerBytes, options.budget, (n) => (result.expandedBytes = n));
  const extract = tar.extract();

  return new Promise<LayerAnalysis>((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      blob.destroy();
      extract.destroy();
      reject(err instanceof Error ? err : new Error(String(err)));
    };

    extract.on('entry', (header, stream, next) => {
      // A tar cut short destroys the entry being read with the error: it is the layer's.
      stream.on('error', fail);
      result.entryCount++;
      if (result.entryCount > limits.maxEntries) return fail(new LimitError(`layer has more than ${limits.maxEntries} tar entries (limit maxEntries)`));
      const entry = classify(header, layerIndex, result);
      if (!entry) {
        stream.on('end', () => next()).resume();
        return;
      }
      readEntry(entry, stream, limits, result, parsing, next);
    });
    extract.on('finish', () => {
      if (!failed) Promise.all(parsing).then(() => resolve(result), fail);
    });
    extract.on('error', fail);

    const stages: NodeJS.ReadWriteStream[] = [];
    if (options.digest) stages.push(createDigestCheck(options.digest, `layer blob ${options.digest}`));
    stages.push(createDecompressor(), counter);
    if (options.uncompressedDigest) stages.push(createDigestCheck(options.uncompressedDigest, `layer ${options.uncompressedDigest}`));
    const tail = (pipeline as (...s: unknown[]) => Readable)(blob, ...stages, (err: Error | null) => {
      if (err) fail(err);
    });
    tail.pipe(extract as unknown as NodeJS.WritableStream);
  });
}

interface PendingEntry {
  file: LayerFile;
  secretNeedsContent: boolean;
  inventory: boolean;
}

/** Turns a tar header into a pending entry, or records a whiteout / warning and returns undefined. */
function classify(header: tar.Header, layerIndex: number, result: LayerAnalysis): PendingEntry | undefined {
  const path = normalizeEntryPath(header.name, result.warnings);
  if (path === undefined || path === '/') return undefined;
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (base.startsWith(WHITEOUT)) {
    const dir = path.slice(0, slash) || '/';
    if (base === OPAQUE) result.whiteouts.push({ path: dir, opaque: true });
    else result.whiteouts.push({ path: (dir === '/' ? '' : dir) + '/' + base.slice(WHITEOUT.length), opaque: false });
    return undefined;
  }
  const type = typeOf(header.type);
  if (type === 'directory') return undefined;
  result.written.add(path);
  const mode = header.mode ?? 0;
  const regular = type === 'file' || type === 'hardlink';
  const { facts, secretNeedsContent } = factsFromName(path, mode, regular);
  const file: LayerFile = { path, layerIndex, type, mode, size: header.size ?? 0, facts };
  if (header.linkname) {
    file.linkTarget = header.linkname;
    if (type === 'hardlink' && normalizeEntryPath(header.linkname, []) === undefined) {
      result.warnings.push(`hard link ${path} points outside the image root (${header.linkname}); ignored`);
    }
  }
  const inventory = type === 'file' && isInventoryPath(path);
  return { file, secretNeedsContent: type === 'file' && secretNeedsContent, inventory };
}

/** Reads an entry's content where a scan needs it, up to the limits, then records the file. */
function readEntry(entry: PendingEntry, stream: EntryStream, limits: ImageLimits, result: LayerAnalysis, parsing: Promise<void>[], next: () => void): void {
  const { file } = entry;
  const scan = file.type === 'file' && file.size > 0 && scanContentOf(file.path);
  const keep = entry.inventory ? limits.inventoryBytes : scan ? limits.contentScanBytes : 0;
  const chunks: Buffer[] = [];
  let kept = 0;
  let binary = false;
  stream.on('data', (data: unknown) => {
    const chunk = data as Buffer;
    if (kept >= keep || binary) return;
    if (kept === 0 && !entry.inventory && looksBinary(chunk)) {
      binary = true;
      return;
    }
    const part = chunk.length > keep - kept ? chunk.subarray(0, keep - kept) : chunk;
    chunks.push(part);
    kept += part.length;
  });
  stream.on('end', () => {
    if (kept > 0) {
      const text = Buffer.concat(chunks).toString('latin1');
      if (entry.inventory) {
        const path = file.path;
        parsing.push(parseInventory(path, Buffer.concat(chunks)).then((facts) => void result.inventory.set(path, facts)));
      }
      const kinds = scan ? credentialKindsIn(text) : [];
      if (kinds.length) file.facts.secretContent = kinds;
      if (entry.secretNeedsContent && kinds.includes('PEM private key')) file.facts.secretName ??= 'private key file';
    }
    if (isNotable(file.facts)) result.files.push(file);
    next();
  });
}

/** ELF, or a NUL in the first block: binary content is not scanned for text secrets. */
function looksBinary(chunk: Buffer): boolean {
  if (chunk[0] === 0x7f && chunk[1] === 0x45 && chunk[2] === 0x4c && chunk[3] === 0x46) return true;
  return chunk.subarray(0, 8000).includes(0);
}

/**
 * `/`-rooted, `.` and `..` resolved. A path that climbs above the root is not a
 * file of the image: it is reported and skipped (we never write entries anywhere,
 * so it cannot escape, but its facts would be lies).
 */
export function normalizeEntryPath(name: string, warnings: string[]): string | undefined {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) {
        warnings.push(`tar entry ${JSON.stringify(name)} climbs above the image root; ignored`);
        return undefined;
      }
      parts.pop();
    } else parts.push(part);
  }
  if (name.startsWith('/')) warnings.push(`tar entry ${JSON.stringify(name)} has an absolute path; read as ${'/' + parts.join('/')}`);
  return '/' + parts.join('/');
}

function typeOf(type: tar.Header["type"] | undefined | null): LayerFileType {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case undefined:
    case null:
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

function byteCounter(limit: number, budget: ExpansionBudget | undefined, report: (n: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback) {
      total += chunk.length;
      report(total);
      try {
        budget?.take(chunk.length);
      } catch (e) {
        return cb(e as Error);
      }
      if (total > limit) return cb(new LimitError(`layer expands to more than ${limit} bytes (limit maxLayerBytes); stopped reading`));
      cb(null, chunk);
    },
  });
}

/** The part of a tar-stream entry (a streamx Readable) we use. */
type EntryStream = tar.ExtractEvents['entry'][1];
