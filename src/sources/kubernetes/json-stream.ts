/**
 * A stream of JSON objects one after another (`kubectl get -o json` output joined,
 * JSON Lines): kubectl's decoder reads such a file as one object after another
 * (it sees JSON by the leading `{` and decodes a JSON stream), so every object is
 * applied. YAML has no such stream — two flow mappings in a row are a syntax
 * error — so the objects are found here and each is read alone.
 */
import { sourceFile, type SourceFile } from '../source-file.js';
import { parseYaml, type YamlDocument } from '../yaml/parse-yaml.js';

/** The top-level JSON values of `text`, as offset ranges; undefined unless it is two or more objects and whitespace. */
export function jsonObjectRanges(text: string): [number, number][] | undefined {
  const ranges: [number, number][] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      if (depth === 0) return undefined;
      inString = true;
    } else if (c === '{' || c === '[') {
      if (depth === 0) {
        if (c === '[') return undefined;
        start = i;
      }
      depth++;
    } else if (c === '}' || c === ']') {
      if (--depth < 0) return undefined;
      if (depth === 0) ranges.push([start, i + 1]);
    } else if (depth === 0 && !/\s/.test(c)) return undefined;
  }
  return depth === 0 && ranges.length > 1 ? ranges : undefined;
}

/**
 * Each object of a JSON stream read as its own document, positions those of the
 * file (the rest of the text is blanked, line breaks kept). Throws as parseYaml
 * does when one of them is malformed.
 */
export function parseJsonStream(src: SourceFile, ranges: readonly [number, number][]): YamlDocument[] {
  const blank = src.text.replace(/[^\n]/g, ' ');
  return ranges.flatMap(([start, end], index) => {
    const only = blank.slice(0, start) + src.text.slice(start, end) + blank.slice(end);
    return parseYaml(sourceFile(src.path, only), { dialect: 'kubernetes' }).map((d) => ({ ...d, index }));
  });
}
