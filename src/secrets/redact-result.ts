/**
 * The last step before any report: every text a scan quotes from its inputs
 * (finding messages, related notes, error and warning messages) passes through the one
 * redactor, whichever rule or source wrote it, so no format can print a secret
 * that one message forgot to hide.
 */
import type { Finding, ScanError } from '../model/finding.js';
import type { ScanResult } from '../report/scan-result.js';
import { redactText } from './secret-detection.js';

/**
 * The result with its messages redacted, in place (findings are not shared).
 *
 * @example
 * redactResult(result).errors[0].message; // '… https://bot:***@registry …'
 */
export function redactResult(result: ScanResult): ScanResult {
  for (const f of result.findings) redactFinding(f);
  for (const a of result.accepted ?? []) {
    redactFinding(a.finding);
    if (a.justification !== undefined) a.justification = redactText(a.justification);
  }
  for (const e of result.errors) redactError(e);
  for (const w of result.warnings ?? []) redactError(w);
  return result;
}

function redactFinding(f: Finding): void {
  f.message = redactText(f.message);
  for (const r of f.related ?? []) r.message = redactText(r.message);
}

function redactError(e: ScanError): void {
  e.message = redactText(e.message);
}
