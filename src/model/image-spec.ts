/**
 * A built OCI image: reference, config, history and a layer index with the files
 * that matter to hardening rules. Filled in by the image source (src/sources/image);
 * rules read it, never the layers themselves. Only notable files are kept per layer
 * (shells, package managers, setuid/setgid, secret-like), so memory stays bounded
 * whatever the image's size.
 */
import type { Location } from './location.js';
import type { PackageVulnerability } from './vulnerability.js';
import type { SignatureVerdict } from '../signatures/signature-types.js';

export interface ImageSpec {
  /** The reference as the user gave it (`oci:dir:tag`, `docker://…`). */
  ref: string;
  /** A pseudo-location for findings that have no file: the reference itself. */
  loc: Location;
  /** Digest of the manifest that was read, when known. */
  manifestDigest?: string;
  platform: { os: string; architecture: string; variant?: string };
  config: ImageConfig;
  history: ImageHistoryStep[];
  layers: ImageLayer[];
  /** Notable files present in the final filesystem (whiteouts applied), lowest layer first. */
  finalFiles: LayerFile[];
  /** OS packages found in the final filesystem (dpkg, apk, rpm), for the SBOM and vulnerability matching. */
  packages: OsPackage[];
  /** The config's `created` time (RFC 3339), when it has one. */
  created?: string;
  /** `ID` and `VERSION_ID` from /etc/os-release in the final filesystem (Alpine's from /etc/alpine-release). */
  os?: { id: string; versionId?: string };
  /** Package databases found but not read (an rpm BerkeleyDB…): the inventory is incomplete. */
  inventoryGaps?: string[];
  /** Packages in an advisory's affected range; set only when the vulnerability scanner ran. */
  vulnerabilities?: PackageVulnerability[];
  /** Signature verification, when the image had to be signed (`signatures:` or `--verify`); read by `image-not-signed`. */
  signature?: SignatureVerdict;
}

export interface ImageConfig {
  /** `User` as written; undefined when the config has none (which means root). */
  user?: string;
  /** `NAME=value` strings as in the config. */
  env: string[];
  /** `8080/tcp` and the like. */
  exposedPorts: string[];
  entrypoint?: string[];
  cmd?: string[];
  workingDir?: string;
  labels: Record<string, string>;
}

export interface ImageHistoryStep {
  createdBy: string;
  emptyLayer: boolean;
  created?: string;
  comment?: string;
  /** Index into `layers` of the layer this step made, when it made one. */
  layerIndex?: number;
}

export interface ImageLayer {
  /** Digest of the blob as stored (compressed for OCI and registries; the diff ID for docker archives). */
  digest: string;
  /** Digest of the uncompressed tar, from the config's `rootfs.diff_ids`. */
  diffId?: string;
  mediaType: string;
  index: number;
  /** Index into `history` of the step that made the layer. */
  historyIndex?: number;
  /** The Containerfile instruction that made the layer, when `--containerfile` linked one. */
  instruction?: Location;
  /** Notable files this layer adds or changes. */
  files: LayerFile[];
  /** Paths this layer deletes with whiteouts (`opaque` clears a directory's lower contents). */
  whiteouts: Whiteout[];
  /** Tar entries seen and bytes after decompression. */
  entryCount: number;
  expandedBytes: number;
  /** Set when the layer could not be read whole: its facts are then incomplete. */
  error?: string;
}

export interface Whiteout {
  /** The path deleted, or the directory made opaque. */
  path: string;
  opaque: boolean;
}

export type LayerFileType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

/** A file in one layer that some rule cares about, with what was found about it. */
export interface LayerFile {
  /** Absolute, normalized path inside the image (`/bin/sh`). */
  path: string;
  layerIndex: number;
  type: LayerFileType;
  /** Permission bits including setuid (0o4000) and setgid (0o2000). */
  mode: number;
  size: number;
  linkTarget?: string;
  facts: FileFacts;
  /**
   * Set when a later layer deletes (whiteout) or replaces the file: it is gone
   * from the final filesystem, but the layer that holds it still ships it.
   */
  deletedBy?: { layerIndex: number; how: 'whiteout' | 'opaque' | 'replaced' };
}

export interface FileFacts {
  /** Shell name when the file is a shell (`sh`, `bash`, `busybox`). */
  shell?: string;
  /** Package manager family (`apt`, `dpkg`, `apk`, `rpm`, `dnf`, `yum`, `microdnf`). */
  packageManager?: string;
  setuid?: boolean;
  setgid?: boolean;
  /** Why the name looks secret (`private key file`, `.env file`…). */
  secretName?: string;
  /** Kinds of secret found in the content (`PEM private key`, `GitHub token`…); never the secret itself. */
  secretContent?: string[];
}

/** An installed OS package. */
export interface OsPackage {
  type: 'deb' | 'apk' | 'rpm';
  name: string;
  version: string;
  arch?: string;
  /** The database file it was read from. */
  source: string;
  /** The source package it was built from (dpkg `Source:`, apk `o:`, rpm SOURCERPM name), when it differs or is stated. */
  sourceName?: string;
  /** The source package's version when it differs from the binary's (a dpkg binNMU `+b1`, an rpm source EVR). */
  sourceVersion?: string;
  /** The layer whose package database first listed this package at this version. */
  layerIndex?: number;
}
