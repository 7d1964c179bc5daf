/**
 * A fast path for the YAML that manifests and Compose files are written in: block
 * mappings and sequences, plain and quoted one-line scalars, one-line flow
 * collections, comments and `---`. It builds the values and the position tree in
 * one pass over the text, with no event array between them, and gives up (returns
 * undefined) at the first thing outside that subset — anchors, aliases, tags, block
 * scalars, multi-line scalars, tabs, `...`, directives, duplicate or non-string keys,
 * anything malformed — so the full parser (parse-yaml.ts) reads that file from the
 * start. The full parser stays the reference: a test feeds both every input we have
 * (the yaml-test-suite, fixtures, generated files) and requires identical values and
 * identical trees wherever this one accepts.
 *
 * Why hand-written: js-yaml 5 (the full parser, needed for its events and exact
 * error positions) costs about three times js-yaml 4's `loadAll`, and the position
 * tree on top of it about as much again; no published YAML reader for Node gives
 * values and source ranges in one pass at the speed of a plain load.
 */
import type { SourceFile } from '../source-file.js';
import type { YamlNode, YamlScalarNode } from './yaml-node.js';
import { CompactMapNode, CompactSeqNode, type Slot } from './compact-nodes.js';
import { spendAt } from '../../scan/file-budget.js';

/** A document as the full parser returns it (parse-yaml.ts re-exports the type). */
export interface FastDocument {
  index: number;
  value: unknown;
  node: YamlNode | undefined;
}

/** Turns a plain scalar's text into its value under the dialect's schema. */
export type PlainResolver = (text: string) => unknown;

/** The per-file budget the full parser enforces (alias-budget.ts); over it, the full parser reports the error. */
export interface FastBudget {
  maxAliasNodes: number;
  maxAliasChars: number;
}

const LF = 10;
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const BACKSLASH = 92;
const DOT = 46;
const AMP = 38;
const STAR = 42;
const PIPE = 124;
const GT = 62;

/** What js-yaml 5's constructor allows: aliases per document, merge work per stream. */
const MAX_ALIASES = 1000;
const MAX_MERGE_WORK = 10_000;

interface Anchor {
  value: unknown;
  /** The anchored collection; null for a scalar. */
  node: CompactMapNode | CompactSeqNode | null;
  /** Nodes and scalar characters of the anchored node, counted as alias-budget.ts counts them. */
  nodes: number;
  chars: number;
}

/** Thrown inside, caught at the top: this text is for the full parser. */
const BAIL: { readonly bail: true } = { bail: true };

/** Nesting deeper than this goes to the full parser (which enforces its own limit). */
const MAX_DEPTH = 100;

/**
 * Anything but LF and printable characters (tabs, CR, controls, NEL, line and
 * paragraph separators, surrogates, BOM, non-characters): the full parser decides.
 */
const UNUSUAL = /[^\n\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]/;

/** Characters that may not start a plain scalar here (the full parser reads the rare valid cases). */
function badPlainStart(c: number): boolean {
  // - ? : , [ ] { } # & * ! | > ' " % @ `
  return c === DASH || c === 63 || c === COLON || c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE || c === HASH
    || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === SQUOTE || c === DQUOTE || c === 37 || c === 64 || c === 96;
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/**
 * The documents of `src.text`, or undefined when the text is outside the subset
 * this reader handles (the caller then uses the full parser).
 */
export function fastParseYaml(src: SourceFile, resolve: PlainResolver, budget: FastBudget): FastDocument[] | undefined {
  const text = src.text;
  if (UNUSUAL.test(text)) return undefined;
  try {
    return new FastReader(src, resolve, budget).documents();
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
}

class FastReader {
  private readonly text: string;
  private readonly len: number;
  private pos = 0;
  /** Start of the line `pos` is on. */
  private lineStart = 0;
  /** Indentation of the content line at `pos` after `skipBlank`; -1 at the end or at a document marker. */
  private ind = -1;
  /** End of the last node closed: where an empty value is placed (as the full parser does). */
  private lastEnd = 0;
  private depth = 0;
  private anchors = new Map<string, Anchor>();
  /** Nodes and scalar characters read so far, aliases expanded (for anchor sizes). */
  private nodes = 0;
  private chars = 0;
  /** What aliases added, against the budget. */
  private addedNodes = 0;
  private addedChars = 0;
  private aliases = 0;
  private mergeWork = 0;
  /** Set when the value just read was an alias (a merge key's value must be one). */
  private wasAlias = false;
  // The node just read, in fields rather than a new object per node: its value, its
  // collection node (null for a scalar) and its range.
  private value: unknown = null;
  private node: CompactMapNode | CompactSeqNode | null = null;
  private start = 0;
  private end = 0;

  constructor(
    private readonly src: SourceFile,
    private readonly resolve: PlainResolver,
    private readonly budget: FastBudget,
  ) {
    this.text = src.text;
    this.len = src.text.length;
  }

  documents(): FastDocument[] {
    const docs: FastDocument[] = [];
    this.skipBlank();
    // Content before any `---`: an implicit first document.
    if (this.ind >= 0) docs.push(this.document(docs.length));
    for (;;) {
      if (this.pos >= this.len) return docs;
      // Only a `---` line may follow a document here.
      if (this.ind !== -1 || !this.atMarker(DASH)) throw BAIL;
      this.pos += 3;
      this.finishLine();
      this.skipBlank();
      if (this.ind >= 0) docs.push(this.document(docs.length));
      else docs.push({ index: docs.length, value: null, node: this.scalarNode(this.lastEnd, this.lastEnd) });
    }
  }

  private document(index: number): FastDocument {
    // Anchors and the alias count are per document, as in js-yaml's constructor.
    this.anchors.clear();
    this.aliases = 0;
    this.blockNode(this.ind);
    return { index, value: this.value, node: this.node! };
  }

  /** `---` or `...` at the start of the line at `pos`, followed by a space, a line break or the end. */
  private atMarker(c: number): boolean {
    const t = this.text;
    const p = this.pos;
    if (t.charCodeAt(p) !== c || t.charCodeAt(p + 1) !== c || t.charCodeAt(p + 2) !== c) return false;
    const next = t.charCodeAt(p + 3);
    return p + 3 >= this.len || next === SPACE || next === LF;
  }

  /**
   * From `pos` (at a line start), skips blank and comment-only lines; leaves `pos` at
   * the start of the next content line with `ind` its indentation, or `ind` -1 at the
   * end of the text or at a `---` line. A `...` line goes to the full parser.
   */
  private skipBlank(): void {
    const t = this.text;
    const len = this.len;
    let p = this.pos;
    for (;;) {
      let q = p;
      while (q < len && t.charCodeAt(q) === SPACE) q++;
      if (q >= len) {
        this.pos = len;
        this.lineStart = len;
        this.ind = -1;
        return;
      }
      const c = t.charCodeAt(q);
      if (c === LF) {
        p = q + 1;
        continue;
      }
      if (c === HASH) {
        const nl = t.indexOf('\n', q);
        if (nl === -1) {
          this.pos = len;
          this.lineStart = len;
          this.ind = -1;
          return;
        }
        p = nl + 1;
        continue;
      }
      this.pos = p;
      this.lineStart = p;
      this.ind = q - p;
      spendAt(p); // the per-file time budget (scan/file-budget.ts): a unit per content line
      if (q === p && (c === DASH || c === DOT)) {
        if (this.atMarker(DOT)) throw BAIL;
        if (this.atMarker(DASH)) this.ind = -1;
      } else if (q === p && c === 37) {
        throw BAIL; // a directive
      }
      return;
    }
  }

  /** After a node: only spaces and a comment may follow on its line; moves past the line break. */
  private finishLine(): void {
    const t = this.text;
    let p = this.pos;
    const from = p;
    while (p < this.len && t.charCodeAt(p) === SPACE) p++;
    if (p >= this.len) {
      this.pos = p;
      return;
    }
    let c = t.charCodeAt(p);
    if (c === HASH) {
      // A comment needs a space before it (or the line start).
      if (p === from && p !== this.lineStart) throw BAIL;
      const nl = t.indexOf('\n', p);
      if (nl === -1) {
        this.pos = this.len;
        return;
      }
      p = nl;
      c = LF;
    }
    if (c !== LF) throw BAIL;
    this.pos = p + 1;
    this.lineStart = p + 1;
  }

  private scalarNode(start: number, end: number): YamlScalarNode {
    this.nodes++;
    return { kind: 'scalar', src: this.src, start, end };
  }

  /** A block collection whose first line is at `pos` with content at indentation `ind`. */
  private blockNode(ind: number): void {
    const c = this.pos + ind;
    const t = this.text;
    if (t.charCodeAt(c) === DASH && this.spaceOrEnd(c + 1)) return this.blockSeq(ind);
    this.pos = c;
    if (this.isKey(c)) return this.blockMap(ind);
    throw BAIL;
  }

  private spaceOrEnd(p: number): boolean {
    if (p >= this.len) return true;
    const c = this.text.charCodeAt(p);
    return c === SPACE || c === LF;
  }

  /** Whether the line from `p` starts with a mapping key (`key:` followed by a space, a break or the end). */
  private isKey(p: number): boolean {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      let q = p + 1;
      for (;;) {
        if (q >= this.len) return false;
        const d = t.charCodeAt(q);
        if (d === LF) return false;
        if (c === DQUOTE && d === BACKSLASH) q += 2;
        else if (d === c) {
          if (c === SQUOTE && t.charCodeAt(q + 1) === SQUOTE) q += 2;
          else break;
        } else q++;
      }
      q++;
      while (t.charCodeAt(q) === SPACE) q++;
      return t.charCodeAt(q) === COLON && this.spaceOrEnd(q + 1);
    }
    if (badPlainStart(c)) return false;
    for (let q = p; q < this.len; q++) {
      const d = t.charCodeAt(q);
      if (d === LF) return false;
      if (d === COLON && this.spaceOrEnd(q + 1)) return true;
      if (d === HASH && t.charCodeAt(q - 1) === SPACE) return false;
    }
    return false;
  }

  /** A block mapping at indentation `m`; `pos` is at its first key. Sets the node fields. */
  private blockMap(m: number): void {
    if (++this.depth > MAX_DEPTH) throw BAIL;
    this.nodes++;
    const obj: Record<string, unknown> = {};
    const slots: Slot[] = [];
    const start = this.pos;
    let end = start;
    let merged = false;
    // Keys a merge brought in: one key written here may override each.
    let overridable: Set<string> | undefined;
    for (;;) {
      const quotedKey = this.text.charCodeAt(this.pos) === DQUOTE || this.text.charCodeAt(this.pos) === SQUOTE;
      const name = this.key();
      if (name === '__proto__') throw BAIL;
      const keyStart = this.start;
      const keyEnd = this.end;
      this.valueAfter(m, false);
      const value = this.value;
      if (name === '<<') {
        // `<<: *defaults`, once per mapping; other merge forms go to the full parser.
        if (quotedKey || merged || !this.wasAlias || !(this.node instanceof CompactMapNode) || value === null || typeof value !== 'object' || Array.isArray(value)) throw BAIL;
        merged = true;
        const source = value as Record<string, unknown>;
        this.mergeWork++;
        for (const k of Object.keys(source)) {
          if (++this.mergeWork > MAX_MERGE_WORK) throw BAIL;
          if (Object.prototype.hasOwnProperty.call(obj, k)) continue;
          obj[k] = source[k];
          (overridable ??= new Set()).add(k);
        }
      } else {
        if (Object.prototype.hasOwnProperty.call(obj, name)) {
          if (!overridable?.delete(name)) throw BAIL;
        }
        obj[name] = value;
      }
      slots.push(name, keyStart, keyEnd, this.node ?? this.start, this.end);
      end = this.end;
      if (this.ind === m) {
        this.pos += m;
        continue;
      }
      if (this.ind < m) break;
      throw BAIL;
    }
    this.depth--;
    this.value = obj;
    // slice() copies to the exact length: a pushed array keeps growth slack.
    this.node = merged ? CompactMapNode.merged(this.src, start, end, slots) : new CompactMapNode(this.src, start, end, slots.slice());
    this.start = start;
    this.end = end;
    this.lastEnd = end;
  }

  /** A key at `pos` and its `:`; leaves `pos` after the colon, the key's range in `start`/`end`. */
  private key(): string {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    this.nodes++;
    if (c === DQUOTE || c === SQUOTE) {
      const name = c === DQUOTE ? this.doubleQuoted() : this.singleQuoted();
      const end = this.pos;
      while (t.charCodeAt(this.pos) === SPACE) this.pos++;
      if (t.charCodeAt(this.pos) !== COLON || !this.spaceOrEnd(this.pos + 1)) throw BAIL;
      this.pos++;
      this.lastEnd = end;
      this.chars += end - start - 2;
      this.start = start;
      this.end = end;
      return name;
    }
    if (badPlainStart(c)) throw BAIL;
    let q = start;
    for (;;) {
      if (q >= this.len) throw BAIL;
      const d = t.charCodeAt(q);
      if (d === LF) throw BAIL;
      if (d === COLON && this.spaceOrEnd(q + 1)) break;
      if (d === HASH && t.charCodeAt(q - 1) === SPACE) throw BAIL;
      q++;
    }
    if (t.charCodeAt(q - 1) === SPACE) throw BAIL;
    const name = t.slice(start, q);
    if (typeof this.resolve(name) !== 'string') throw BAIL;
    this.pos = q + 1;
    this.lastEnd = q;
    this.chars += q - start;
    this.start = start;
    this.end = q;
    return name;
  }

  /** A scalar just read: its value and range into the node fields. */
  private setScalar(value: unknown, start: number, end: number): void {
    this.nodes++;
    this.value = value;
    this.node = null;
    this.start = start;
    this.end = end;
  }

  /**
   * The value after a mapping's `:` or a sequence's `-` (at `pos`), in a collection
   * at indentation `m`: on the same line, on the lines below, or empty. Sets the
   * node fields and leaves `pos` at the next content line (`skipBlank`).
   */
  private valueAfter(m: number, inSeq: boolean): void {
    const t = this.text;
    this.wasAlias = false;
    while (t.charCodeAt(this.pos) === SPACE) this.pos++;
    let c = this.pos < this.len ? t.charCodeAt(this.pos) : LF;
    let anchor: string | undefined;
    if (c === AMP) {
      anchor = this.name();
      while (t.charCodeAt(this.pos) === SPACE) this.pos++;
      c = this.pos < this.len ? t.charCodeAt(this.pos) : LF;
      // `- &a key: v` and `&a *b`: the full parser decides what the anchor is on.
      if (c === STAR || (inSeq && c !== LF && c !== HASH && this.isKey(this.pos))) throw BAIL;
    }
    const nodesBefore = this.nodes;
    const charsBefore = this.chars;
    if (c === LF || c === HASH) {
      this.finishLine();
      this.skipBlank();
      const ind = this.ind;
      if (ind > m || (ind === m && ind >= 0 && !inSeq && t.charCodeAt(this.pos + ind) === DASH && this.spaceOrEnd(this.pos + ind + 1))) {
        this.blockNode(ind);
      } else {
        // An anchor on an empty node: go-yaml and js-yaml disagree; the full parser reads it.
        if (anchor !== undefined) throw BAIL;
        this.setScalar(null, this.lastEnd, this.lastEnd);
        return;
      }
    } else if (inSeq && this.isKey(this.pos)) {
      // `- key: value`: a mapping whose keys line up with this first one.
      this.blockMap(this.pos - this.lineStart);
      return;
    } else if (c === PIPE || c === GT) {
      this.blockScalar(m);
      this.skipBlank();
      if (this.ind > m) throw BAIL;
    } else {
      if (c === STAR) {
        this.alias();
      } else if (c === DQUOTE || c === SQUOTE) {
        const start = this.pos;
        const value = c === DQUOTE ? this.doubleQuoted() : this.singleQuoted();
        this.lastEnd = this.pos;
        this.chars += this.pos - start - 2;
        this.setScalar(value, start, this.pos);
      } else if (c === LBRACE || c === LBRACKET) {
        this.flow();
      } else {
        this.plain();
      }
      this.finishLine();
      this.skipBlank();
      // A more indented line after a one-line value continues it (or is an error).
      if (this.ind > m) throw BAIL;
    }
    if (anchor !== undefined) this.anchors.set(anchor, { value: this.value, node: this.node, nodes: this.nodes - nodesBefore, chars: this.chars - charsBefore });
  }

  /** An anchor or alias name after its `&` or `*` at `pos`; leaves `pos` after it. */
  private name(): string {
    const t = this.text;
    const start = this.pos + 1;
    let q = start;
    for (;;) {
      const d = t.charCodeAt(q);
      if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95 || d === DASH || d === DOT) q++;
      else break;
    }
    // Names with other characters (go-yaml and js-yaml end them differently) go to the full parser.
    if (q === start || !this.spaceOrEnd(q)) throw BAIL;
    this.pos = q;
    return t.slice(start, q);
  }

  /** `*name`: the anchored value, its node placed where the alias is written. */
  private alias(): void {
    const start = this.pos;
    const anchor = this.anchors.get(this.name());
    if (!anchor || ++this.aliases > MAX_ALIASES) throw BAIL;
    this.nodes += anchor.nodes;
    this.chars += anchor.chars;
    this.addedNodes += anchor.nodes;
    this.addedChars += anchor.chars;
    if (this.addedNodes > this.budget.maxAliasNodes || this.addedChars > this.budget.maxAliasChars) throw BAIL;
    this.lastEnd = this.pos;
    this.wasAlias = true;
    this.value = anchor.value;
    this.node = anchor.node ? anchor.node.at(start, this.pos) : null;
    this.start = start;
    this.end = this.pos;
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose header is at `pos`, in a
   * collection at indentation `m`. Leaves `pos` at the start of the first line after
   * it. Explicit indentation, leading blank lines, over-indented blank lines and
   * (when folded) more-indented lines go to the full parser.
   */
  private blockScalar(m: number): void {
    const t = this.text;
    const folded = t.charCodeAt(this.pos) === GT;
    this.pos++;
    let chomp = 0; // 0 clip, 1 strip, 2 keep
    const h = t.charCodeAt(this.pos);
    if (h === DASH) {
      chomp = 1;
      this.pos++;
    } else if (h === 43) {
      chomp = 2;
      this.pos++;
    }
    const d = t.charCodeAt(this.pos);
    if (d >= 48 && d <= 57) throw BAIL;
    this.finishLine();
    const valueStart = this.pos;
    const len = this.len;
    let p = valueStart;
    let indent = 0;
    while (p < len && t.charCodeAt(p) === SPACE) p++;
    indent = p - valueStart;
    if (p >= len || t.charCodeAt(p) === LF || indent <= m) throw BAIL;
    let out = '';
    let pendingBreaks = 0; // empty lines since the last content line
    let any = false;
    let lineAt = valueStart;
    for (;;) {
      if (lineAt >= len) break;
      let q = lineAt;
      while (q < len && t.charCodeAt(q) === SPACE) q++;
      const sp = q - lineAt;
      // Spaces at the very end (no line break): not part of the scalar, unless over-indented.
      if (q >= len) {
        if (sp > indent) throw BAIL;
        break;
      }
      if (t.charCodeAt(q) === LF) {
        if (sp > indent) throw BAIL;
        pendingBreaks++;
        lineAt = q + 1;
        continue;
      }
      if (sp < indent) break;
      if (folded && sp > indent) throw BAIL;
      let eol = t.indexOf('\n', q);
      if (eol === -1) eol = len;
      const line = t.slice(lineAt + indent, eol);
      if (!any) out = line;
      else if (folded) out += (pendingBreaks === 0 ? ' ' : '\n'.repeat(pendingBreaks)) + line;
      else out += '\n'.repeat(pendingBreaks + 1) + line;
      any = true;
      pendingBreaks = 0;
      lineAt = eol + 1;
      if (eol >= len) {
        lineAt = len;
        break;
      }
    }
    const valueEnd = Math.min(lineAt, len);
    if (chomp === 0) out += '\n';
    else if (chomp === 2) out += '\n' + '\n'.repeat(pendingBreaks);
    this.pos = valueEnd;
    this.lineStart = valueEnd;
    this.lastEnd = valueEnd;
    this.chars += valueEnd - valueStart;
    this.setScalar(out, valueStart, valueEnd);
  }

  /** A block sequence at indentation `s`; `pos` is at the start of its first line. Sets the node fields. */
  private blockSeq(s: number): void {
    if (++this.depth > MAX_DEPTH) throw BAIL;
    this.nodes++;
    const t = this.text;
    const arr: unknown[] = [];
    const slots: (number | YamlNode)[] = [];
    const start = this.pos + s;
    let end = start;
    for (;;) {
      this.pos += s + 1;
      this.valueAfter(s, true);
      arr.push(this.value);
      slots.push(this.node ?? this.start, this.end);
      end = this.end;
      const ind = this.ind;
      if (ind === s && t.charCodeAt(this.pos + s) === DASH && this.spaceOrEnd(this.pos + s + 1)) continue;
      if (ind <= s) break;
      throw BAIL;
    }
    this.depth--;
    this.value = arr;
    this.node = new CompactSeqNode(this.src, start, end, slots.slice());
    this.start = start;
    this.end = end;
    this.lastEnd = end;
  }

  /** A plain scalar in block context, up to a comment or the line end. */
  private plain(): void {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    if (badPlainStart(c) && !(c === DASH && !this.spaceOrEnd(start + 1))) throw BAIL;
    let q = start;
    let end = start;
    for (; q < this.len; q++) {
      const d = t.charCodeAt(q);
      if (d === LF) break;
      if (d === SPACE) continue;
      if (d === HASH && t.charCodeAt(q - 1) === SPACE) break;
      // `a: b: c` is an error; the full parser says so.
      if (d === COLON && this.spaceOrEnd(q + 1)) throw BAIL;
      end = q + 1;
    }
    this.pos = end;
    const source = t.slice(start, end);
    if (source === '<<') throw BAIL;
    this.lastEnd = end;
    this.chars += end - start;
    this.setScalar(this.resolve(source), start, end);
  }

  /** A flow collection that opens and closes on this line. Sets the node fields. */
  private flow(): void {
    if (++this.depth > MAX_DEPTH) throw BAIL;
    this.nodes++;
    const t = this.text;
    const start = this.pos;
    const isMap = t.charCodeAt(start) === LBRACE;
    this.pos++;
    if (isMap) {
      const obj: Record<string, unknown> = {};
      const slots: Slot[] = [];
      for (;;) {
        this.skipFlowSpace();
        if (t.charCodeAt(this.pos) === RBRACE) break;
        const keyStart = this.pos;
        const k = t.charCodeAt(keyStart);
        let name: string;
        let keyEnd: number;
        this.nodes++;
        if (k === DQUOTE || k === SQUOTE) {
          name = k === DQUOTE ? this.doubleQuoted() : this.singleQuoted();
          keyEnd = this.pos;
          this.chars += keyEnd - keyStart - 2;
        } else {
          keyEnd = this.flowPlainEnd();
          name = t.slice(keyStart, keyEnd);
          this.chars += keyEnd - keyStart;
          if (typeof this.resolve(name) !== 'string') throw BAIL;
          this.pos = keyEnd;
        }
        if (name === '<<' || name === '__proto__' || Object.prototype.hasOwnProperty.call(obj, name)) throw BAIL;
        this.lastEnd = keyEnd;
        this.skipFlowSpace();
        if (t.charCodeAt(this.pos) !== COLON || !this.spaceOrEnd(this.pos + 1)) throw BAIL;
        this.pos++;
        this.skipFlowSpace();
        const v = t.charCodeAt(this.pos);
        if (v === COMMA || v === RBRACE) this.setScalar(null, this.lastEnd, this.lastEnd);
        else this.flowNode();
        obj[name] = this.value;
        slots.push(name, keyStart, keyEnd, this.node ?? this.start, this.end);
        this.skipFlowSpace();
        const d = t.charCodeAt(this.pos);
        if (d === COMMA) {
          this.pos++;
          continue;
        }
        if (d === RBRACE) break;
        throw BAIL;
      }
      this.pos++;
      this.value = obj;
      this.node = new CompactMapNode(this.src, start, this.pos, slots);
    } else {
      const arr: unknown[] = [];
      const slots: (number | YamlNode)[] = [];
      for (;;) {
        this.skipFlowSpace();
        if (t.charCodeAt(this.pos) === RBRACKET) break;
        this.flowNode();
        arr.push(this.value);
        slots.push(this.node ?? this.start, this.end);
        this.skipFlowSpace();
        const d = t.charCodeAt(this.pos);
        if (d === COMMA) {
          this.pos++;
          continue;
        }
        if (d === RBRACKET) break;
        throw BAIL; // `[a: b]` (a pair in a sequence) and anything else unusual
      }
      this.pos++;
      this.value = arr;
      this.node = new CompactSeqNode(this.src, start, this.pos, slots);
    }
    this.depth--;
    this.start = start;
    this.end = this.pos;
    this.lastEnd = this.pos;
  }

  /** Spaces inside a flow collection; a line break or comment there goes to the full parser. */
  private skipFlowSpace(): void {
    const t = this.text;
    while (t.charCodeAt(this.pos) === SPACE) this.pos++;
    const c = t.charCodeAt(this.pos);
    if (c === LF || c === HASH || this.pos >= this.len) throw BAIL;
  }

  /** A scalar or nested collection inside a flow collection. Sets the node fields. */
  private flowNode(): void {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === LBRACE || c === LBRACKET) return this.flow();
    const start = this.pos;
    if (c === DQUOTE || c === SQUOTE) {
      const value = c === DQUOTE ? this.doubleQuoted() : this.singleQuoted();
      this.lastEnd = this.pos;
      this.chars += this.pos - start - 2;
      this.setScalar(value, start, this.pos);
      return;
    }
    const end = this.flowPlainEnd();
    const source = t.slice(start, end);
    if (source === '<<') throw BAIL;
    this.pos = end;
    this.lastEnd = end;
    this.chars += end - start;
    this.setScalar(this.resolve(source), start, end);
  }

  /** End of a plain scalar in flow context starting at `pos` (trailing spaces excluded); a `:` inside goes to the full parser. */
  private flowPlainEnd(): number {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    if (badPlainStart(c)) {
      if (c !== DASH) throw BAIL;
      const n = t.charCodeAt(start + 1);
      if (n === SPACE || n === LF || isFlowIndicator(n) || start + 1 >= this.len) throw BAIL;
    }
    let end = start;
    for (let q = start; q < this.len; q++) {
      const d = t.charCodeAt(q);
      if (d === LF || isFlowIndicator(d)) break;
      if (d === SPACE) continue;
      if (d === COLON) {
        const n = t.charCodeAt(q + 1);
        if (n === SPACE || n === LF || isFlowIndicator(n)) break;
        throw BAIL;
      }
      if (d === HASH && t.charCodeAt(q - 1) === SPACE) throw BAIL;
      end = q + 1;
    }
    if (end === start) throw BAIL;
    return end;
  }

  /** A one-line double-quoted scalar at `pos`; leaves `pos` after the closing quote. */
  private doubleQuoted(): string {
    const t = this.text;
    let q = this.pos + 1;
    let segment = q;
    let out = '';
    for (;;) {
      if (q >= this.len) throw BAIL;
      const d = t.charCodeAt(q);
      if (d === DQUOTE) break;
      if (d === LF) throw BAIL;
      if (d === BACKSLASH) {
        out += t.slice(segment, q);
        const e = t.charCodeAt(q + 1);
        let add: string | undefined = SIMPLE_ESCAPES[e];
        let skip = 2;
        if (add === undefined) {
          const hexLength = e === 120 ? 2 : e === 117 ? 4 : e === 85 ? 8 : 0;
          if (hexLength === 0) throw BAIL;
          const hex = t.slice(q + 2, q + 2 + hexLength);
          if (hex.length !== hexLength || !/^[0-9a-fA-F]+$/.test(hex)) throw BAIL;
          const code = parseInt(hex, 16);
          if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) throw BAIL;
          add = String.fromCodePoint(code);
          skip = 2 + hexLength;
        }
        out += add;
        q += skip;
        segment = q;
        continue;
      }
      q++;
    }
    this.pos = q + 1;
    return out + t.slice(segment, q);
  }

  /** A one-line single-quoted scalar at `pos`; leaves `pos` after the closing quote. */
  private singleQuoted(): string {
    const t = this.text;
    let q = this.pos + 1;
    let segment = q;
    let out = '';
    for (;;) {
      if (q >= this.len) throw BAIL;
      const d = t.charCodeAt(q);
      if (d === LF) throw BAIL;
      if (d === SQUOTE) {
        if (t.charCodeAt(q + 1) !== SQUOTE) break;
        out += t.slice(segment, q + 1);
        q += 2;
        segment = q;
        continue;
      }
      q++;
    }
    this.pos = q + 1;
    return out + t.slice(segment, q);
  }
}

/** YAML's one-character escapes in double-quoted scalars. */
const SIMPLE_ESCAPES: Record<number, string> = {
  48: '\0', // 0
  97: '\x07', // a
  98: '\b', // b
  116: '\t', // t
  110: '\n', // n
  118: '\v', // v
  102: '\f', // f
  114: '\r', // r
  101: '\x1b', // e
  32: ' ',
  34: '"',
  47: '/',
  92: '\\',
  78: '\x85', // N
  95: '\xa0', // _
  76: '\u2028', // L
  80: '\u2029', // P
};
