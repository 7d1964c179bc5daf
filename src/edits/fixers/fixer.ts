/**
 * One fixer per input kind: given a file's text and the findings to fix in it, the
 * fixed text. A fixer turns edit operations into text edits at located spans and
 * never re-serializes the file; what it cannot change in place it leaves, and the
 * rescan reports it as needing a decision.
 */
import type { Finding } from '../../model/finding.js';
import type { ContainerSpec } from '../../model/container-spec.js';
import type { EditOperation } from '../edit-operation.js';
import type { FixOptions } from '../fix-options.js';

export interface FixRequest {
  path: string;
  /** The text as scanned (no byte-order mark). */
  text: string;
  /** Findings to fix in this file (unsuppressed, of the rules asked for). */
  findings: readonly Finding[];
  /** Suppressed or accepted findings in this file: never fixed. */
  kept: readonly Finding[];
  options: FixOptions;
  /** The file's containers as scanned, for what a fix needs to know beyond the finding (the image). */
  containers?: readonly ContainerSpec[];
}

export interface FixResult {
  text: string;
  /** The operations that changed the text. */
  applied: EditOperation[];
}

export type Fixer = (request: FixRequest) => FixResult;

/** Findings of `rule` whose location starts within lines [from, to]. */
export function findingsBetween(findings: readonly Finding[], from: number, to: number): Finding[] {
  return findings.filter((f) => f.location.startLine >= from && f.location.startLine <= to);
}

/**
 * The image of the container a finding is about: the one with the finding's
 * resource, or, when several share it (two run lines), the one on the finding's line.
 */
export function imageOf(finding: Finding, containers: readonly ContainerSpec[] | undefined): string | undefined {
  const same = (containers ?? []).filter((c) => {
    const r = finding.resource;
    return r !== undefined && c.resource.kind === r.kind && c.resource.name === r.name && c.resource.container === r.container;
  });
  const chosen = same.length === 1 ? same[0] : same.find((c) => c.loc.startLine <= finding.location.startLine && c.loc.endLine >= finding.location.startLine);
  return chosen?.image && !chosen.image.dynamic ? chosen.image.value : undefined;
}
