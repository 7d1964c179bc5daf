/**
 * Platforms (`linux/amd64`, `linux/arm/v7`) and the choice of one manifest from an
 * image index or manifest list. The default is the machine we run on, as podman does.
 */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

const NODE_ARCH: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

export function hostPlatform(): Platform {
  const architecture = NODE_ARCH[process.arch] ?? process.arch;
  const os = process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'linux' : process.platform;
  return architecture === 'arm' ? { os, architecture, variant: 'v7' } : { os, architecture };
}

/** Parses `os/arch[/variant]`; throws on anything else. */
export function parsePlatform(text: string): Platform {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) throw new Error(`platform ${JSON.stringify(text)}: expected OS/ARCH[/VARIANT], e.g. linux/arm64`);
  const [os, architecture, variant] = parts as [string, string, string?];
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** The index entry for `want`: same os and architecture, and the variant when both say one. */
export function choosePlatform<T extends { platform?: Partial<Platform> }>(entries: readonly T[], want: Platform, where: string): T {
  const match = entries.filter((e) => e.platform?.os === want.os && e.platform?.architecture === want.architecture);
  const exact = match.find((e) => !want.variant || !e.platform?.variant || e.platform.variant === want.variant);
  if (exact) return exact;
  const offered = entries.map((e) => formatPlatform({ os: e.platform?.os ?? '?', architecture: e.platform?.architecture ?? '?', ...(e.platform?.variant ? { variant: e.platform.variant } : {}) }));
  throw new Error(`${where} has no image for ${formatPlatform(want)}; it offers ${offered.join(', ') || 'none'} (choose one with --platform)`);
}
