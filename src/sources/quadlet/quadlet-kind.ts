/**
 * How a Quadlet unit is recognised, apart from its parser (quadlet-source.ts), so
 * that detection loads no parser (see source-kinds.ts).
 */
import type { SourceKind } from '../source.js';

const NAME = /\.(container|kube)$/;
/**
 * `.pod` is also Perl's documentation format: a `.pod` file is a Quadlet unit only
 * when it has a unit section.
 */
const POD_NAME = /\.pod$/;
const UNIT_SECTION = /^[ \t]*\[(?:Pod|Container|Kube|Unit|Service|Install|Quadlet|X-[^\]\n]*)\][ \t]*$/m;

export const quadletKind: SourceKind = {
  id: 'quadlet',
  input: 'QL',
  matchesName: (path) => NAME.test(path),
  mayContain: (path) => POD_NAME.test(path),
  matchesContent: (text, path) => POD_NAME.test(path) && UNIT_SECTION.test(text),
};
