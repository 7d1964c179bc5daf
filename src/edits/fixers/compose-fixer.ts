/**
 * Compose files: the same practices as the pod spec's defaults, in Compose's keys
 * (`security_opt`, `cap_drop`, `read_only`, `user`, `pids_limit`…), as operations
 * on `/services/<name>` written into the YAML in place.
 */
import type { EditOperation, OperationDraft } from '../edit-operation.js';
import { formatPointer, isPlainObject } from '../json-pointer.js';
import { DEFAULT_PIDS_LIMIT, imageFixUserText, type FixOptions } from '../fix-options.js';
import { applyYamlOperations } from '../yaml-edits.js';
import { parseYaml } from '../../sources/yaml/parse-yaml.js';
import { sourceFile } from '../../sources/source-file.js';
import type { YamlNode } from '../../sources/yaml/yaml-node.js';
import type { Finding } from '../../model/finding.js';
import { bindPort, engineCpus, engineSize, hardenTmpfsSpec, tmpfsSize } from './engine-values.js';
import type { FixRequest, FixResult } from './fixer.js';

type ServiceOps = (service: Record<string, unknown>, options: FixOptions) => OperationDraft[];

const set = (key: string, value: string | number | boolean) => ({ op: 'set' as const, path: formatPointer([key]), value });

/** Operations per rule, relative to the service. */
export const COMPOSE_FIXES: Readonly<Record<string, ServiceOps>> = {
  'privilege-escalation-allowed': () => [{ op: 'add-to-list', path: '/security_opt', value: 'no-new-privileges:true', key: 'no-new-privileges', ignoreCase: true }],
  'capabilities-not-dropped': () => [{ op: 'add-to-list', path: '/cap_drop', value: 'ALL', ignoreCase: true }],
  'writable-root-fs': (service, options) => [
    set('read_only', true),
    ...(options.tmpVolume && !Array.isArray(service['tmpfs']) && service['tmpfs'] !== undefined
      ? []
      : options.tmpVolume
        ? [{ op: 'add-to-list' as const, path: '/tmpfs', value: hardenTmpfsSpec('/tmp', tmpfsSize(options)), key: '/tmp' }]
        : []),
  ],
  // The image's own numeric user where it is known, else the configured one.
  'run-as-root': (service, options) => [set('user', imageFixUserText(typeof service['image'] === 'string' ? service['image'] : undefined, options))],
  'missing-pids-limit': (_service, options) => [set('pids_limit', options.pidsLimit ?? DEFAULT_PIDS_LIMIT)],
  'missing-cpu-limit': (_service, options) => {
    const cpus = engineCpus(options.cpuLimit);
    return cpus ? [set('cpus', Number(cpus))] : [];
  },
  'missing-memory-limit': (_service, options) => {
    const size = engineSize(options.memoryLimit);
    return size ? [set('mem_limit', size)] : [];
  },
};

export function fixCompose(request: FixRequest): FixResult {
  const src = sourceFile(request.path, request.text);
  const doc = parseYaml(src)[0];
  const services = isPlainObject(doc?.value) ? doc.value['services'] : undefined;
  const servicesNode = doc?.node?.kind === 'map' ? doc.node.entries.get('services')?.value : undefined;
  if (!doc || !isPlainObject(services) || servicesNode?.kind !== 'map') return { text: request.text, applied: [] };
  const operations: EditOperation[] = [];
  for (const [name, service] of Object.entries(services)) {
    if (!isPlainObject(service)) continue;
    const mine = request.findings.filter((f) => f.resource?.kind === 'Service' && f.resource.name === name);
    const kept = new Set(request.kept.filter((f) => f.resource?.kind === 'Service' && f.resource.name === name).map((f) => f.ruleId));
    const base = formatPointer(['services', name]);
    const serviceNode = servicesNode.entries.get(name)?.value;
    for (const rule of new Set(mine.map((f) => f.ruleId))) {
      if (kept.has(rule)) continue; // another finding of this rule on the service is accepted: leave the service to its owner
      const ops = COMPOSE_FIXES[rule]?.(service, request.options) ?? [];
      operations.push(...ops.map((op) => ({ ...op, rule, path: base + op.path, container: name }) as EditOperation));
    }
    if (serviceNode) operations.push(...itemFixes(src.lines, service, serviceNode, mine, base, request.options));
  }
  const result = applyYamlOperations(request.path, request.text, 0, operations);
  return { text: result.text, applied: result.applied };
}

/** Fixes of one list item each: a port bound to an address, a tmpfs given its options. */
function itemFixes(
  lines: { position(offset: number): { line: number } },
  service: Record<string, unknown>,
  serviceNode: YamlNode,
  findings: readonly Finding[],
  base: string,
  options: FixOptions,
): EditOperation[] {
  const out: EditOperation[] = [];
  const itemsAt = (key: string) => {
    const node = serviceNode.kind === 'map' ? serviceNode.entries.get(key)?.value : undefined;
    return node?.kind === 'seq' ? node.items : node ? [node] : [];
  };
  const flagged = (rule: string, node: YamlNode) => {
    const from = lines.position(node.start).line;
    const to = lines.position(node.end).line;
    return findings.some((f) => f.ruleId === rule && f.location.startLine >= from && f.location.startLine <= to);
  };
  const ports = service['ports'];
  if (options.bindAddress && Array.isArray(ports)) {
    itemsAt('ports').forEach((node, index) => {
      const port = ports[index];
      if (!flagged('port-exposed-all-interfaces', node)) return;
      if (typeof port === 'string' || typeof port === 'number') {
        const bound = bindPort(String(port), options.bindAddress!);
        if (bound) out.push({ op: 'set', path: `${base}/ports/${index}`, value: bound, replace: true, rule: 'port-exposed-all-interfaces' });
      } else if (isPlainObject(port)) {
        out.push({ op: 'set', path: `${base}/ports/${index}/host_ip`, value: options.bindAddress!, rule: 'port-exposed-all-interfaces' });
      }
    });
  }
  const tmpfs = service['tmpfs'];
  const size = tmpfsSize(options);
  itemsAt('tmpfs').forEach((node, index) => {
    if (!flagged('tmpfs-unhardened', node)) return;
    const spec = Array.isArray(tmpfs) ? tmpfs[index] : tmpfs;
    if (typeof spec !== 'string') return;
    const path = Array.isArray(tmpfs) ? `${base}/tmpfs/${index}` : `${base}/tmpfs`;
    out.push({ op: 'set', path, value: hardenTmpfsSpec(spec, size), replace: true, rule: 'tmpfs-unhardened' });
  });
  return out;
}
