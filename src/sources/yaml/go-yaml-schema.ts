/**
 * Plain scalars as Kubernetes reads them. kubectl and the API server turn YAML into
 * JSON with sigs.k8s.io/yaml, which decodes with go-yaml v2: YAML 1.1 booleans
 * (`yes`, `on`, `n`…), Go's integer syntax (`0777` is octal, `1_000`, `0b101`),
 * and every other scalar a string — timestamps and `1:30` included. Judging
 * `privileged: yes` as the string "yes" would judge a value the cluster never sees
 * (it sees `true`), so Kubernetes manifests are read with these rules. The
 * differential test against the real sigs.k8s.io/yaml keeps them honest
 * (test/sources/yaml/kubernetes-differential.test.ts).
 *
 * Written here because js-yaml's YAML 1.1 schema differs from go-yaml on the
 * details that matter (sexagesimal numbers, timestamps, `08`, `1e3`, `0o17`).
 */
import { defineMappingTag, defineScalarTag, defineSequenceTag, FAILSAFE_SCHEMA, mapTag, mergeTag, NOT_RESOLVED, Schema, seqTag } from 'js-yaml';

/** go-yaml v2's resolve table: exact spellings that are booleans, nulls and special floats. */
const BOOLS = new Map<string, boolean>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, false] as const),
]);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS = new Map<string, number>([
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, -Infinity] as const),
]);

/** go-yaml's `yamlStyleFloat`: the float shapes it tries after the integer forms. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Digits below 2^53 in each base. */
const SAFE_DIGITS: Record<number, number> = { 2: 52, 8: 17, 10: 15, 16: 13 };
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };

/** Go's `strconv.ParseInt(s, 0, 64)` / `ParseUint`, as one number (JSON has no int64). */
function goParseInt(s: string): number | undefined {
  let body = s;
  let sign = 1;
  if (body[0] === '+' || body[0] === '-') {
    sign = body[0] === '-' ? -1 : 1;
    body = body.slice(1);
  }
  let base = 10;
  const prefix = body.slice(0, 2).toLowerCase();
  if (prefix === '0x') base = 16;
  else if (prefix === '0b') base = 2;
  else if (prefix === '0o') base = 8;
  if (base !== 10) body = body.slice(2);
  else if (body.length > 1 && body[0] === '0') {
    base = 8;
    body = body.slice(1);
  }
  if (!DIGITS[base]!.test(body)) return undefined;
  // Few enough digits to be exact as a double (and far inside int64): no BigInt.
  if (body.length <= SAFE_DIGITS[base]!) {
    const n = parseInt(body, base);
    return n === 0 ? 0 : sign * n;
  }
  // Beyond int64/uint64 Go's parse fails and the value falls to the float rules.
  const big = BigInt(base === 10 ? body : `0${'xbo'[[16, 2, 8].indexOf(base)]}${body}`) * BigInt(sign);
  if (big < -(2n ** 63n) || big > 2n ** 64n - 1n) return undefined;
  return Number(big);
}

/** Go's `underscoreOK`: underscores only between digits (or after a base prefix). */
function underscoresOk(s: string): boolean {
  let body = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  let saw = '^';
  let hex = false;
  if (body.length >= 2 && body[0] === '0' && 'bBoOxX'.includes(body[1]!)) {
    hex = 'xX'.includes(body[1]!);
    body = body.slice(2);
    saw = '0';
  }
  for (const c of body) {
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/** Go's `strconv.ParseFloat` for the decimal shapes go-yaml lets through; undefined when Go errs (out of range). */
function goParseFloat(s: string): number | undefined {
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * go-yaml v2's `resolve` for a plain scalar: the number it is, or NOT_RESOLVED
 * (a string). Booleans and nulls are looked up before this runs.
 */
function resolveNumber(source: string): number | typeof NOT_RESOLVED {
  const special = SPECIAL_FLOATS.get(source);
  if (special !== undefined) return special;
  const first = source[0];
  if (first === '.') {
    // "Not in the map, so maybe a normal float": Go's ParseFloat on the text as written.
    if (source.includes('_') && !underscoresOk(source)) return NOT_RESOLVED;
    const plain = source.replace(/_/g, '');
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(plain) ? goParseFloat(plain) ?? NOT_RESOLVED : NOT_RESOLVED;
  }
  if (first === undefined || !('0123456789+-'.includes(first))) return NOT_RESOLVED;
  const plain = source.includes('_') ? source.replace(/_/g, '') : source;
  const int = goParseInt(plain);
  if (int !== undefined) return int;
  if (YAML_STYLE_FLOAT.test(plain)) {
    const float = goParseFloat(plain);
    if (float !== undefined) return float;
  }
  return NOT_RESOLVED;
}

const boolTag = defineScalarTag('tag:yaml.org,2002:bool', {
  implicit: true,
  implicitFirstChars: ['y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O'],
  resolve: (source) => BOOLS.get(source) ?? NOT_RESOLVED,
  identify: (data) => typeof data === 'boolean',
});

const nullTag = defineScalarTag('tag:yaml.org,2002:null', {
  implicit: true,
  implicitFirstChars: ['', '~', 'n', 'N'],
  resolve: (source) => (NULLS.has(source) ? null : NOT_RESOLVED),
  identify: (data) => data === null,
});

const numberTag = defineScalarTag('tag:yaml.org,2002:float', {
  implicit: true,
  implicitFirstChars: ['.', '+', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  resolve: (source) => resolveNumber(source),
  identify: (data) => typeof data === 'number',
});

const intTag = defineScalarTag('tag:yaml.org,2002:int', {
  resolve: (source) => resolveNumber(source),
  identify: () => false,
});

/** `!!binary`: go-yaml decodes the base64 into a string of those bytes. */
const binaryTag = defineScalarTag('tag:yaml.org,2002:binary', {
  resolve: (source) => {
    const clean = source.replace(/\s+/g, '');
    return /^[A-Za-z0-9+/]*={0,2}$/.test(clean) ? Buffer.from(clean, 'base64').toString('utf8') : NOT_RESOLVED;
  },
  identify: () => false,
});

/**
 * go-yaml ignores tags it does not know (`!foo`, `!<tag:example.com,2000:x>`):
 * the node keeps its plain value, a scalar its text.
 */
const unknownTags = ['!', 'tag:'].flatMap((prefix) => [
  defineScalarTag(prefix, { matchByTagPrefix: true, resolve: (source) => source, identify: () => false }),
  defineMappingTag(prefix, { ...mapTag, matchByTagPrefix: true, identify: () => false }),
  defineSequenceTag(prefix, { ...seqTag, matchByTagPrefix: true, identify: () => false }),
]);

/** The schema Kubernetes manifests are read with. */
export const GO_YAML_V2_SCHEMA = new Schema([...FAILSAFE_SCHEMA.tags, nullTag, boolTag, numberTag, intTag, binaryTag, mergeTag, ...unknownTags]);

/**
 * go-yaml v3's booleans (what compose-go reads Compose files with): YAML 1.2's
 * `true`/`false` in three spellings; `yes` and `on` stay strings (compose-go
 * itself casts them for boolean fields such as `privileged`).
 */
const V3_BOOLS = new Map<string, boolean>([
  ...['true', 'True', 'TRUE'].map((s) => [s, true] as const),
  ...['false', 'False', 'FALSE'].map((s) => [s, false] as const),
]);

const v3BoolTag = defineScalarTag('tag:yaml.org,2002:bool', {
  implicit: true,
  implicitFirstChars: ['t', 'T', 'f', 'F'],
  resolve: (source) => V3_BOOLS.get(source) ?? NOT_RESOLVED,
  identify: (data) => typeof data === 'boolean',
});

/**
 * The schema Compose files are read with: go-yaml v3's plain scalars. Numbers
 * follow the same Go rules as v2 — `0755` is octal 493 (a secret's `mode: 0440`
 * is what Compose applies, not four hundred and forty), `0o17`, `0x1F`, `1_000` —
 * while only `true`/`false` are booleans. Timestamps stay the text written (go-yaml
 * v3 makes them a Go time; the differential test lists it).
 */
export const GO_YAML_V3_SCHEMA = new Schema([...FAILSAFE_SCHEMA.tags, nullTag, v3BoolTag, numberTag, intTag, binaryTag, mergeTag, ...unknownTags]);

/**
 * The same plain-scalar rules as one function, for the fast reader (fast-yaml.ts):
 * null, then boolean, then number, else the text — the order the schemas above
 * try their implicit tags in.
 */
function plainResolver(bools: ReadonlyMap<string, boolean>): (source: string) => unknown {
  return (source) => {
    // Most scalars start with a character no null, boolean or number starts with.
    if (!MAY_RESOLVE[source.charCodeAt(0)]) return source;
    if (NULLS.has(source)) return null;
    const b = bools.get(source);
    if (b !== undefined) return b;
    const n = resolveNumber(source);
    return n === NOT_RESOLVED ? source : n;
  };
}

/** First characters of a null (`~`, `n`, `N`), boolean (v2: y n t f o, either case) or number (`.`, `+`, `-`, digits). */
const MAY_RESOLVE: boolean[] = [];
for (const c of '~nNyYtTfFoO.+-0123456789') MAY_RESOLVE[c.charCodeAt(0)] = true;

/** go-yaml v2 (Kubernetes) plain scalars. */
export const resolveGoYamlV2Plain = plainResolver(BOOLS);
/** go-yaml v3 (Compose) plain scalars. */
export const resolveGoYamlV3Plain = plainResolver(V3_BOOLS);
