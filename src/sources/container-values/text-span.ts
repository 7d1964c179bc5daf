/**
 * A string value with its location that can be cut into located parts: the host
 * path, target and options of `/srv:/data:ro`, the host IP and ports of
 * `127.0.0.1:8080:80`. Shared by the Compose, run-line and Quadlet sources, which
 * all write these values in the same short syntax.
 */
import { located, type Located, type Location } from '../../model/location.js';
import { rangeLoc, type SourceFile } from '../source-file.js';

export interface TextSpan {
  value: string;
  loc: Location;
  /** The value is only known at run time (a variable). */
  dynamic: boolean;
  /** The part [from, to) of the value, located exactly when the value is written verbatim. */
  sub(from: number, to?: number): TextSpan;
  /** The file offset of the value's character `index`, when the value is written verbatim. */
  offsetOf?(index: number): number;
}

/**
 * A value written verbatim at `offset` of `src`: parts get exact locations.
 *
 * @example
 * exactSpan(src, 40, '/srv:/data:ro').sub(5, 10).loc; // the `/data` columns
 */
export function exactSpan(src: SourceFile, offset: number, value: string, dynamic = false): TextSpan {
  return mappedSpan(src, value, (i) => offset + i, dynamic);
}

/**
 * A value whose characters sit at known file offsets that need not be contiguous
 * (a systemd value continued over lines with `\\`): parts are still exact.
 */
export function mappedSpan(src: SourceFile, value: string, offsetOf: (index: number) => number, dynamic = false): TextSpan {
  const end = value.length ? offsetOf(value.length - 1) + 1 : offsetOf(0);
  return {
    value,
    dynamic,
    loc: rangeLoc(src, offsetOf(0), end),
    offsetOf,
    sub(from, to = value.length) {
      const part = value.slice(from, to);
      return mappedSpan(src, part, (i) => offsetOf(from + i), dynamic && /[$`*?~[]/.test(part));
    },
  };
}

/** A value whose text differs from what is written (quotes, escapes): parts share its location. */
export function looseSpan(value: string, loc: Location, dynamic = false): TextSpan {
  return {
    value,
    dynamic,
    loc,
    sub(from, to = value.length) {
      return looseSpan(value.slice(from, to), loc, dynamic);
    },
  };
}

/** The span as a `Located` string. */
export function toLocated(span: TextSpan, value: string = span.value): Located<string> {
  return located(value, span.loc, span.dynamic || undefined);
}

/** Splits a span on a separator, keeping each part's location. */
export function splitSpan(span: TextSpan, separator: string): TextSpan[] {
  const parts: TextSpan[] = [];
  let from = 0;
  for (;;) {
    const at = span.value.indexOf(separator, from);
    if (at === -1) {
      parts.push(span.sub(from));
      return parts;
    }
    parts.push(span.sub(from, at));
    from = at + separator.length;
  }
}

/** Reads `true`/`false` the way Go's strconv.ParseBool (used by docker, podman, compose) does. */
export function parseBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True', 'yes', 'on'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False', 'no', 'off'].includes(text)) return false;
  return undefined;
}
