/**
 * A finding as reported to users. The JSON shape is a contract (RULES.md, "Finding
 * contract"): extend it, never break it.
 */
import type { Location } from './location.js';
import type { ResourceRef } from './resource.js';
import type { Severity } from './severity.js';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  location: Location;
  resource?: ResourceRef;
  /** What to do about it (from the rule's metadata). */
  remedy?: string;
  /** Extra locations that tell the same story (the Containerfile line behind an image layer…). */
  related?: { message: string; location: Location }[];
}

/** An input that could not be read or parsed, or a problem in the configuration. */
export interface ScanError {
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** Short machine-readable kind: `parse`, `read`, `size`, `config`, `unknown-input`… */
  code: string;
}

/**
 * Something the user should know that did not stop an input from being read: an
 * unknown run flag, a referenced file that is absent or outside the scanned tree,
 * skipped Helm templates. Same shape as an error; never changes the exit code.
 */
export type ScanWarning = ScanError;
