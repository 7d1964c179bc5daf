/** Offsets of a finding's location in the text it was found in. */
import type { Location } from '../../model/location.js';
import type { LineIndex } from '../../model/location.js';

export function startOffset(lines: LineIndex, loc: Location): number {
  return lines.lineStart(loc.startLine) + loc.startColumn - 1;
}

export function endOffset(lines: LineIndex, loc: Location): number {
  return lines.lineStart(loc.endLine) + loc.endColumn - 1;
}
