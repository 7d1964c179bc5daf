/** Exit codes, the same for every command. */
export const EXIT = {
  /** No finding at or above the fail-on severity, no error. */
  ok: 0,
  /** Findings at or above the fail-on severity. */
  findings: 1,
  /** A usage error, or an input that could not be read or parsed (the rest was still scanned). */
  error: 2,
} as const;
