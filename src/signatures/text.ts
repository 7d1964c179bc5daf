/** Small helpers for messages and names in signature verdicts. */

/** A value from outside, quoted and cut short, never printed whole. */
export function quote(value: unknown, max = 80): string {
  if (value === undefined) return 'absent';
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const cut = s.length > max ? `${s.slice(0, max)}…` : s;
  return JSON.stringify(cut.replace(/[\u0000-\u001f\u007f]/g, '?'));
}

/** `docker.io` has aliases; compare repositories as registries do. */
export function normalizeRepository(name: string): string {
  let n = name.trim().toLowerCase();
  // A docker-reference may carry a tag or digest; the identity is the repository.
  n = n.replace(/@sha256:[0-9a-f]+$/, '');
  const lastSlash = n.lastIndexOf('/');
  const colon = n.indexOf(':', lastSlash + 1);
  if (colon !== -1) n = n.slice(0, colon);
  n = n.replace(/^(index\.docker\.io|registry-1\.docker\.io)\//, 'docker.io/');
  if (!n.includes('/') || !/[.:]|^localhost\//.test(n.split('/')[0]!)) n = `docker.io/${n}`;
  if (/^docker\.io\/[^/]+$/.test(n)) n = n.replace(/^docker\.io\//, 'docker.io/library/');
  return n;
}

export function sameRepository(a: string, b: string): boolean {
  return normalizeRepository(a) === normalizeRepository(b);
}
