/**
 * One mount, one port, one finding. A volume declared once and mounted by several
 * containers (a Kubernetes pod volume, a Compose named volume, a Quadlet `.pod`'s
 * `Volume=`) is one thing to fix, in one place: reporting it once per container
 * would list the same line many times. Rules collect what they would say per
 * container, and this groups what points at the same span with the same message
 * into one finding that names every container.
 */
import type { ContainerSpec, Mount, PortSpec } from '../../model/container-spec.js';
import type { InputKind } from '../../model/input-kind.js';
import type { Location } from '../../model/location.js';
import type { ResourceRef } from '../../model/resource.js';
import type { Workload } from '../../model/workload.js';
import type { RuleContext } from '../rule.js';
import { listWords } from './mount-options.js';
import { containerSubject, workloadSubject } from './subject.js';

/** One verdict about one container (or pod workload) before grouping. */
export interface Verdict<M extends string> {
  messageId: M;
  /** Message data without `subject`, which is filled from the targets. */
  data: Record<string, string>;
  loc: Location;
  target: ContainerSpec | Workload;
  /** Where this target uses the shared thing, when that is not `loc` (its volumeMount). */
  usedAt?: { message: string; location: Location };
}

/**
 * Verbs of a message that agree with the subject: `{{mounts}}` is `mounts` for one
 * container and `mount` for several.
 */
export type Verbs = Record<string, readonly [singular: string, plural: string]>;

/**
 * The span every rule reports a mount at: where the volume is declared when it is
 * shared (`declaredAt`), otherwise the mount entry itself. Rules judging the same
 * mount (writable, sensitive, tmpfs) so point at the same place.
 */
export function mountLocation(m: Mount): Location {
  return m.declaredAt ?? m.loc;
}

/**
 * The span every rule reports a port at: the whole entry (`-p 8080:80`, the Compose
 * item, `PublishPort=`), except a Kubernetes port with a `hostPort`, which is
 * reported at the `hostPort` as the Pod Security `hostPorts` check reports it.
 */
export function portLocation(p: PortSpec, input: InputKind): Location {
  return input === 'K8S' && p.hostPort ? p.hostPort.loc : p.loc;
}

/** A location as a map key. */
export function locKey(loc: Location): string {
  return `${loc.file}:${loc.startLine}:${loc.startColumn}:${loc.endLine}:${loc.endColumn}`;
}

function isContainer(target: ContainerSpec | Workload): target is ContainerSpec {
  return 'workload' in target;
}

function subjectOf(target: ContainerSpec | Workload): string {
  return isContainer(target) ? containerSubject(target) : workloadSubject(target);
}

/**
 * `Container "a"`, `Containers "a" and "b"`, `Services "web" and "worker"`;
 * subjects of different kinds are listed each with its noun.
 *
 * @example
 * subjects(['Container "a"', 'Container "b"']); // 'Containers "a" and "b"'
 */
export function subjects(list: readonly string[]): string {
  if (list.length <= 1) return list[0] ?? '';
  const parsed = list.map((s) => /^(.*?) (".*")$/.exec(s));
  const noun = parsed[0]?.[1];
  if (noun && parsed.every((p) => p?.[1] === noun)) return `${noun}s ${listWords(parsed.map((p) => p![2]!))}`;
  return listWords(list.map((s, i) => (i === 0 || s.startsWith('Service') || s.startsWith('Quadlet') ? s : s[0]!.toLowerCase() + s.slice(1))));
}

/**
 * Reports verdicts grouped by message and location: one finding per span, naming
 * every container it concerns; data values that differ are listed (`/data and
 * /cache`). The finding's resource is the one container, the workload they share,
 * or, across workloads, only their kind.
 */
export function reportGrouped<M extends string>(ctx: RuleContext<M>, verdicts: readonly Verdict<M>[], verbs: Verbs = {}): void {
  const groups = new Map<string, Verdict<M>[]>();
  for (const v of verdicts) {
    const key = `${v.messageId}|${locKey(v.loc)}`;
    const group = groups.get(key);
    if (group) group.push(v);
    else groups.set(key, [v]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    if (group.length === 1) {
      reportOne(ctx, first, verbs);
      continue;
    }
    const targets = [...new Set(group.map((v) => v.target))];
    const names = [...new Set(targets.map(subjectOf))];
    const data: Record<string, string> = { subject: subjects(names) };
    for (const key of Object.keys(first.data)) data[key] = listWords([...new Set(group.map((v) => v.data[key] ?? ''))].filter((x) => x !== ''));
    for (const [key, [one, many]] of Object.entries(verbs)) data[key] = names.length > 1 ? many : one;
    const related = group.flatMap((v) => (v.usedAt && locKey(v.usedAt.location) !== locKey(v.loc) ? [v.usedAt] : []));
    const workloads = new Set(targets.map((t) => (isContainer(t) ? t.workload : t)));
    const report: Parameters<RuleContext<M>['report']>[0] = { messageId: first.messageId, data, loc: first.loc };
    if (targets.length === 1) report.target = first.target;
    else if (workloads.size === 1) report.target = [...workloads][0]!;
    else {
      report.target = first.target;
      const owner = isContainer(first.target) ? first.target.workload : first.target;
      const resource: ResourceRef = { kind: owner.kind };
      if (owner.namespace !== undefined && targets.every((t) => (isContainer(t) ? t.workload : t).namespace === owner.namespace)) resource.namespace = owner.namespace;
      report.resource = resource;
    }
    if (related.length) report.related = related;
    ctx.report(report);
  }
}

/** A group of one verdict (most are): what the general case makes of it, without its sets and lists. */
function reportOne<M extends string>(ctx: RuleContext<M>, v: Verdict<M>, verbs: Verbs): void {
  const data: Record<string, string> = { subject: subjectOf(v.target) };
  for (const key of Object.keys(v.data)) data[key] = v.data[key] ?? '';
  for (const key of Object.keys(verbs)) data[key] = verbs[key]![0];
  const report: Parameters<RuleContext<M>['report']>[0] = { messageId: v.messageId, data, loc: v.loc, target: v.target };
  if (v.usedAt && locKey(v.usedAt.location) !== locKey(v.loc)) report.related = [v.usedAt];
  ctx.report(report);
}
