/**
 * The last step before any report: every text a scan quotes from its inputs
 * (finding messages, related notes, error and warning messages) passes through the one
 * redactor, whichever rule or source wrote it, so no format can print a secret
 * that one message forgot to hide.
 */
import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../report/scan-result.js';
import { redactText } from './secret-detection.js';

/**
 * The result with its messages redacted, in place (findings are not shared).
 *
 * @example
 * redactResult(result).errors[0].message; // '… https://bot:***@registry …'
 */
export function redactResult(result: ScanResult): ScanResult {
  // Many findings share a message (one rule, many resources of one name): each text is redacted once.
  const done = new Map<string, string>();
  const redact = (text: string): string => {
    let out = done.get(text);
    if (out === undefined) done.set(text, (out = redactText(text)));
    return out;
  };
  for (const f of result.findings) redactFinding(f, redact);
  for (const a of result.accepted ?? []) {
    redactFinding(a.finding, redact);
    if (a.justification !== undefined) a.justification = redact(a.justification);
  }
  for (const e of result.errors) e.message = redact(e.message);
  for (const w of result.warnings ?? []) w.message = redact(w.message);
  return result;
}

function redactFinding(f: Finding, redact: (text: string) => string): void {
  f.message = redact(f.message);
  if (f.related) for (const r of f.related) r.message = redact(r.message);
}
