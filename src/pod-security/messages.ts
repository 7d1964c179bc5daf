/**
 * Text helpers that reproduce Pod Security Admission's wording, so a detail reads
 * exactly as `kubectl` would print it for the same pod.
 */

/** `"a", "b"` — Go's joinQuote; empty for no items. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** The singular or plural word for a count. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** Go's `%q` for the strings that reach a detail (printable text quotes the same way as JSON). */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}

/** Sorted distinct values, like Go's `sets.String.List()`. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareGoStrings);
}

/** Byte-wise order of Go's `sort.Strings`, not locale order. */
export function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `container "a"` / `containers "a", "b"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}
