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
  /** For `vulnerable-package`: the advisory and the package it affects. */
  vulnerability?: FindingVulnerability;
  /** For a live object (`seaworthy cluster`): the field judged, as kubectl writes paths (`spec.template.spec.containers[0].securityContext`). */
  fieldPath?: string;
  /** For a live object: where it came from (a GitOps tool, Helm, kubectl apply), when the object says. */
  origin?: Origin;
}

/** What deployed a live object, read from its annotations and labels. */
export interface Origin {
  tool: 'argocd' | 'flux' | 'helm' | 'kubectl';
  /** The Argo CD application, Flux Kustomization or HelmRelease, Helm release. */
  name?: string;
  namespace?: string;
  /** One phrase for people: `Flux Kustomization flux-system/apps`. */
  detail: string;
}

/** What a `vulnerable-package` finding is about, for reports and tools. */
export interface FindingVulnerability {
  advisoryId: string;
  /** CVE ids and other names of the same flaw. */
  aliases: string[];
  summary?: string;
  /** The OSV ecosystem of the advisory entry (`Debian:12`). */
  ecosystem: string;
  /** The installed (binary) package, and the source package the advisory names. */
  package: string;
  sourcePackage: string;
  installedVersion: string;
  /** Absent when the release has no fix: "unfixed". */
  fixedVersion?: string;
  /** The package URL of the installed package. */
  purl?: string;
  /** Where the severity came from (`CVSS_V3 9.8`, `urgency low`); absent when the rule's severity was used. */
  severitySource?: string;
  url?: string;
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
