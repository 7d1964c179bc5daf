/**
 * Notary Project trust policies (trustpolicy.json / trustpolicy.oci.json, version 1.0):
 * which registry scopes a policy covers, at which verification level, with which trust
 * stores and trusted identities. Validated as the specification says: one policy per
 * scope, `*` alone in its policy and in at most one policy, known levels and overrides,
 * trust stores named `type:name`, identities `*` or `x509.subject: DN`.
 */
import { readFileSync } from 'node:fs';
import { STORE_TYPES, type StoreType } from './trust-store.js';
import { normalizeRepository, quote } from './text.js';

export const LEVELS = ['strict', 'permissive', 'audit', 'skip'] as const;
export type Level = (typeof LEVELS)[number];
export const CHECKS = ['integrity', 'authenticity', 'authenticTimestamp', 'expiry', 'revocation'] as const;
export type Check = (typeof CHECKS)[number];
export type Action = 'enforce' | 'log' | 'skip';

/** The specification's table: what each level does with each check. */
const LEVEL_ACTIONS: Record<Exclude<Level, 'skip'>, Record<Check, Action>> = {
  strict: { integrity: 'enforce', authenticity: 'enforce', authenticTimestamp: 'enforce', expiry: 'enforce', revocation: 'enforce' },
  permissive: { integrity: 'enforce', authenticity: 'enforce', authenticTimestamp: 'log', expiry: 'log', revocation: 'log' },
  audit: { integrity: 'enforce', authenticity: 'log', authenticTimestamp: 'log', expiry: 'log', revocation: 'log' },
};

export interface TrustPolicy {
  name: string;
  registryScopes: string[];
  level: Level;
  /** Per-check action after overrides (empty for `skip`). */
  actions: Partial<Record<Check, Action>>;
  trustStores: { type: StoreType; name: string }[];
  /** `*` or subject DNs as attribute lists. */
  trustedIdentities: '*' | { text: string; attributes: [string, string][] }[];
}

export interface TrustPolicyDocument {
  source: string;
  policies: TrustPolicy[];
}

export function readTrustPolicy(file: string): TrustPolicyDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read trust policy ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (text.length > 1 << 20) throw new Error(`trust policy ${file} is larger than 1 MiB`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`trust policy ${file} is not JSON: ${(e as Error).message}`);
  }
  return parseTrustPolicy(doc, file);
}

export function parseTrustPolicy(doc: unknown, source: string): TrustPolicyDocument {
  const fail = (msg: string): never => {
    throw new Error(`trust policy ${source}: ${msg}`);
  };
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) fail('not a JSON object');
  const d = doc as { version?: unknown; trustPolicies?: unknown };
  if (d.version !== '1.0') fail(`version is ${quote(d.version)}; only "1.0" is defined`);
  if (!Array.isArray(d.trustPolicies) || d.trustPolicies.length === 0) fail('trustPolicies must be a non-empty list');
  const policies: TrustPolicy[] = [];
  const seenScopes = new Map<string, string>();
  const names = new Set<string>();
  (d.trustPolicies as unknown[]).forEach((raw, i) => {
    const at = `trustPolicies[${i}]`;
    if (!raw || typeof raw !== 'object') fail(`${at} is not an object`);
    const p = raw as Record<string, unknown>;
    const name = typeof p['name'] === 'string' && p['name'] ? p['name'] : fail(`${at}.name must be a non-empty string`);
    if (names.has(name)) fail(`two policies are named ${quote(name)}`);
    names.add(name);
    const scopes = stringList(p['registryScopes']) ?? fail(`${at}.registryScopes must be a list of strings`);
    if (!scopes.length) fail(`${at}.registryScopes is empty`);
    if (scopes.includes('*') && scopes.length > 1) fail(`${at}: the wildcard scope "*" must be the only scope of its policy`);
    for (const s of scopes) {
      if (s !== '*' && (/[@]/.test(s) || /:[^/]*$/.test(s.split('/').slice(1).join('/')))) fail(`${at}: scope ${quote(s)} names a tag or digest; a scope is REGISTRY/REPOSITORY`);
      const key = s === '*' ? '*' : normalizeRepository(s);
      if (seenScopes.has(key)) fail(`scope ${quote(s)} is in both ${quote(seenScopes.get(key))} and ${quote(name)}`);
      seenScopes.set(key, name);
    }
    const sv = p['signatureVerification'] as Record<string, unknown> | undefined;
    if (!sv || typeof sv !== 'object') fail(`${at}.signatureVerification must be an object with a level`);
    const level = sv!['level'];
    if (!LEVELS.includes(level as Level)) fail(`${at}.signatureVerification.level is ${quote(level)}; expected ${LEVELS.join(', ')}`);
    const actions: Partial<Record<Check, Action>> = level === 'skip' ? {} : { ...LEVEL_ACTIONS[level as Exclude<Level, 'skip'>] };
    const override = sv!['override'];
    if (override !== undefined) {
      if (level === 'skip') fail(`${at}: a "skip" level takes no override`);
      if (!override || typeof override !== 'object') fail(`${at}.signatureVerification.override must be an object`);
      for (const [check, action] of Object.entries(override as Record<string, unknown>)) {
        if (!CHECKS.includes(check as Check)) fail(`${at}: override of unknown check ${quote(check)}`);
        if (check === 'integrity') fail(`${at}: integrity cannot be overridden`);
        if (action !== 'enforce' && action !== 'log' && action !== 'skip') fail(`${at}: override ${check} is ${quote(action)}; expected enforce, log or skip`);
        if (check === 'authenticity' && action === 'skip') fail(`${at}: authenticity cannot be skipped (use the "skip" level)`);
        actions[check as Check] = action as Action;
      }
    }
    const stores = stringList(p['trustStores']) ?? [];
    const identities = stringList(p['trustedIdentities']) ?? [];
    if (level !== 'skip') {
      if (!stores.length) fail(`${at}.trustStores must name at least one store (type:name)`);
      if (!identities.length) fail(`${at}.trustedIdentities must name at least one identity or "*"`);
    }
    const trustStores = stores.map((s) => {
      const m = /^([A-Za-z]+):(.+)$/.exec(s);
      if (!m || !STORE_TYPES.includes(m[1] as StoreType)) fail(`${at}: trust store ${quote(s)} is not TYPE:NAME with TYPE ${STORE_TYPES.join(', ')}`);
      return { type: m![1] as StoreType, name: m![2]! };
    });
    if (identities.includes('*') && identities.length > 1) fail(`${at}: the wildcard identity "*" must be the only one`);
    const trustedIdentities = identities.includes('*')
      ? ('*' as const)
      : identities.map((text) => {
          const m = /^x509\.subject:\s*(.+)$/.exec(text);
          if (!m) fail(`${at}: trusted identity ${quote(text)} is not "x509.subject: DN"`);
          const attributes = parseDn(m![1]!);
          if (!attributes.length) fail(`${at}: trusted identity ${quote(text)} names no attribute`);
          return { text, attributes };
        });
    policies.push({ name, registryScopes: scopes, level: level as Level, actions, trustStores, trustedIdentities });
  });
  if (policies.filter((p) => p.registryScopes.includes('*')).length > 1) fail('more than one policy has the wildcard scope "*"');
  return { source, policies };
}

/** The policy for `registry/repository`: the one naming it exactly, else the wildcard one. */
export function policyFor(doc: TrustPolicyDocument, repository: string | undefined): TrustPolicy | undefined {
  const key = repository === undefined ? undefined : normalizeRepository(repository);
  return (key !== undefined && doc.policies.find((p) => p.registryScopes.some((s) => s !== '*' && normalizeRepository(s) === key))) || doc.policies.find((p) => p.registryScopes.includes('*'));
}

/** `C=US, ST=WA, O=acme, CN=x` → attribute pairs (commas escaped with \ stay in values). */
export function parseDn(dn: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of dn.split(/(?<!\\),/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    out.push([part.slice(0, eq).trim().toUpperCase(), part.slice(eq + 1).trim().replace(/\\,/g, ',')]);
  }
  return out;
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined;
}
