/**
 * The text of a suppression: `<rule-id>[,<rule-id>] -- <reason>`, as written after
 * `# seaworthy-ignore` (next line), `# seaworthy-ignore-file` (whole file) and in
 * the `seaworthy.io/ignore` annotation.
 */

export interface SuppressionDirective {
  ruleIds: string[];
  /** Absent when there is no ` -- ` or nothing after it. */
  reason?: string;
}

export interface IgnoreComment extends SuppressionDirective {
  scope: 'line' | 'file';
  /** 1-based column where the comment starts. */
  column: number;
}

/**
 * Parses `<ids> -- <reason>`. Ids are separated by commas (spaces allowed).
 *
 * @example
 * parseDirective('run-as-root, host-network -- the node agent needs both');
 * // { ruleIds: ['run-as-root', 'host-network'], reason: 'the node agent needs both' }
 */
export function parseDirective(text: string): SuppressionDirective {
  const at = text.search(/(^|\s)--(\s|$)/);
  const ids = at === -1 ? text : text.slice(0, at);
  const reason = at === -1 ? '' : text.slice(at).replace(/^\s*--/, '').trim();
  const directive: SuppressionDirective = { ruleIds: ids.split(/[\s,]+/).filter(Boolean) };
  if (reason) directive.reason = reason;
  return directive;
}

// A whole-line comment (`#`, or `;` as systemd and Quadlet units allow).
const COMMENT = /^(\s*)[#;]\s*seaworthy-ignore(-file)?(?=\s|$)(.*)$/;

/**
 * Reads an ignore comment from one line; undefined when the line is not one. Only
 * a line that is a comment and nothing else counts: `key: v # seaworthy-ignore x`
 * on the line above a finding would be too easy to misread.
 *
 * @example
 * parseIgnoreComment('  # seaworthy-ignore privileged-container -- debug pod');
 * // { scope: 'line', column: 3, ruleIds: ['privileged-container'], reason: 'debug pod' }
 */
export function parseIgnoreComment(line: string): IgnoreComment | undefined {
  const m = COMMENT.exec(line);
  if (!m) return undefined;
  return { scope: m[2] ? 'file' : 'line', column: m[1]!.length + 1, ...parseDirective(m[3]!) };
}
