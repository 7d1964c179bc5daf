/**
 * The configuration a scan runs with, as read from `.seaworthy.yaml`, and its
 * defaults. Every field is filled: a missing key means its default.
 */
import { DEFAULT_FILE_TIME_MS } from '../scan/file-budget.js';
import type { Location } from '../model/location.js';
import type { Severity } from '../model/severity.js';
import { defaultAdmissionConfig, type AdmissionConfig } from './admission-config.js';
import type { FixOptions } from '../edits/fix-options.js';
import type { SignaturesConfig } from '../signatures/signatures-config.js';

/** `off`, a severity, or the long form. Normalized to the long form. */
export interface RuleConfig {
  severity?: Severity;
  enabled?: boolean;
  /** Rule-specific options, handed to the rule as `settings.options[id]`. */
  options?: unknown;
}

/** A finding class accepted on purpose, with its reason and, optionally, an end date. */
export interface ConfigException {
  /** Rule ids it covers. */
  rules: string[];
  /** Globs of files it covers (relative paths, forward slashes); every file when absent. */
  paths?: string[];
  /** The Kubernetes object it covers; each field present must match. */
  resource?: { kind?: string; namespace?: string; name?: string };
  /** Advisory ids (or their CVE aliases) it covers, for `vulnerable-package`. */
  advisories?: string[];
  reason: string;
  /** Last day it applies, `YYYY-MM-DD` (UTC). */
  expires?: string;
  /** Where it is written, for findings about the exception itself. */
  loc: Location;
}

export const POD_SECURITY_LEVELS = ['baseline', 'restricted'] as const;
export type PodSecurityLevel = (typeof POD_SECURITY_LEVELS)[number];

export interface PodSecurity {
  level: PodSecurityLevel;
  /** `latest` or `v1.N`. */
  version: string;
}

export type FailOn = Severity | 'none';

export interface Config {
  rules: Record<string, RuleConfig>;
  /** Registry prefixes (`registry.example.com/team/`); empty: `untrusted-registry` stays silent. */
  trustedRegistries: string[];
  /** Capability names, upper case, without `CAP_`. */
  dangerousCapabilities: string[];
  /** Lowest severity that makes the scan fail; `none` never fails on findings. */
  failOn: FailOn;
  untrusted: { namespaces: string[]; labels: Record<string, string> };
  sandboxRuntimes: string[];
  /** Files larger than this (bytes) are skipped with an error. */
  maxFileSize: number;
  /** Reading one file may take this long (ms); past it the file is an error (scan/file-budget.ts). */
  maxFileTime: number;
  /** Globs of paths not to scan. */
  exclude: string[];
  podSecurity?: PodSecurity;
  /**
   * `seaworthy image`: a registry's Bearer token realm on another host gets no
   * credentials either way; `anonymous` (the default) asks it for a token without
   * them, `refuse` stops.
   */
  foreignRealm?: 'anonymous' | 'refuse';
  exceptions: ConfigException[];
  /** How `seaworthy serve` decides at admission. */
  admission: AdmissionConfig;
  /** Values `seaworthy fix` writes (UID, limits…); command-line flags win. */
  fix?: FixOptions;
  /** Which images must be signed, and by which cosign keys or Notary trust store (`image-not-signed`). */
  signatures?: SignaturesConfig;
  /**
   * Absolute directory of the configuration file (set by `loadConfig`): globs in
   * `exclude` and `exceptions[].paths` are relative to it. Unset: the working directory.
   */
  baseDir?: string;
}

/**
 * Capabilities that break isolation when added. RULES.md's set, plus SYSLOG: it
 * reads the kernel log and, with `kptr_restrict=1`, kernel pointers, which defeats
 * KASLR for a later kernel exploit. SETUID/SETGID/SYS_CHROOT are left out on
 * purpose: they are in the container engines' default set and harmless inside a
 * user namespace, so flagging them would be noise.
 */
export const DEFAULT_DANGEROUS_CAPABILITIES: readonly string[] = [
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_TIME',
  'SYS_PTRACE',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'DAC_READ_SEARCH',
  'NET_RAW',
  'BPF',
  'PERFMON',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'SYSLOG',
];

/** RuntimeClass and `--runtime` names of gVisor and Kata Containers as commonly installed. */
export const DEFAULT_SANDBOX_RUNTIMES: readonly string[] = ['gvisor', 'runsc', 'kata', 'kata-containers', 'kata-qemu', 'kata-clh', 'kata-fc'];

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/**
 * The configuration used when there is no file, or for keys a file leaves out.
 *
 * @example
 * defaultConfig().failOn; // 'low': any finding fails the scan
 */
export function defaultConfig(): Config {
  return {
    rules: {},
    trustedRegistries: [],
    dangerousCapabilities: [...DEFAULT_DANGEROUS_CAPABILITIES],
    failOn: 'low',
    untrusted: { namespaces: [], labels: {} },
    sandboxRuntimes: [...DEFAULT_SANDBOX_RUNTIMES],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    maxFileTime: DEFAULT_FILE_TIME_MS,
    exclude: [],
    exceptions: [],
    admission: defaultAdmissionConfig(),
  };
}
