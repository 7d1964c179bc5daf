/**
 * What a path in an image is, by name and mode: a shell, a package manager, a
 * setuid/setgid file, a secret-like file, or a package database worth reading.
 */
import type { FileFacts } from '../../model/image-spec.js';
import { secretFileName } from './secret-detect.js';
import { isRpmDatabasePath } from './rpm-database.js';

const BIN_DIR = /^\/(?:usr\/(?:local\/)?)?s?bin$/;
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'csh', 'tcsh', 'fish', 'busybox']);
const PACKAGE_MANAGERS: Record<string, string> = {
  apt: 'apt',
  'apt-get': 'apt',
  dpkg: 'dpkg',
  apk: 'apk',
  rpm: 'rpm',
  dnf: 'dnf',
  'dnf-3': 'dnf',
  dnf5: 'dnf',
  yum: 'yum',
  microdnf: 'microdnf',
  zypper: 'zypper',
};

/** Package databases and os-release, whose content the SBOM needs. */
export function isInventoryPath(path: string): boolean {
  return (
    path === '/var/lib/dpkg/status' ||
    path.startsWith('/var/lib/dpkg/status.d/') ||
    path === '/lib/apk/db/installed' ||
    path === '/etc/alpine-release' ||
    path === '/etc/apk/repositories' ||
    isRpmDatabasePath(path) ||
    path === '/etc/os-release' ||
    path === '/usr/lib/os-release'
  );
}

/** Facts known from the path and mode alone. `secretNeedsContent` asks the caller to confirm by content. */
export function factsFromName(path: string, mode: number, regular: boolean): { facts: FileFacts; secretNeedsContent: boolean } {
  const facts: FileFacts = {};
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash) || '/';
  const base = path.slice(slash + 1);
  if (BIN_DIR.test(dir)) {
    if (SHELLS.has(base)) facts.shell = base;
    const pm = PACKAGE_MANAGERS[base];
    if (pm) facts.packageManager = pm;
  }
  if (regular && mode & 0o4000) facts.setuid = true;
  if (regular && mode & 0o2000) facts.setgid = true;
  const secret = secretFileName(path);
  if (secret && !secret.needsContent) facts.secretName = secret.kind;
  return { facts, secretNeedsContent: secret?.needsContent ?? false };
}

export function isNotable(facts: FileFacts): boolean {
  return Object.keys(facts).length > 0;
}
