/**
 * Checking as files are read: the rules that look at one object run on each file as
 * soon as it is parsed, while its trees are there; then the file is slimmed to what
 * the cross-file rules read (slim-model.ts) and its text let go. The cross-file
 * rules (`RuleDefinition.crossFile`: namespaces, NetworkPolicies, LimitRanges,
 * ServiceAccounts, RBAC) run once at the end, and what none of them reads (Compose
 * services, run lines, builds) leaves the model once its file is checked. The
 * findings are those of one pass of every rule over the whole model (a test holds
 * both ways to the same report); memory no longer grows with the trees of every
 * file read.
 *
 * Two things need more than one file before a workload can be judged, and wait:
 * pods a live dump lists under an owner (grouped into that owner at the end,
 * sources/kubernetes/group-owned-pods.ts), and Pod Security in namespaces whose
 * labels ask for it, which reads those workloads' files again at the end rather than
 * keep every pod's tree in case a Namespace labelled later asks.
 */
import type { ScanError } from '../model/finding.js';
import type { ImageRefUse } from '../model/image-ref.js';
import type { ResourceRef } from '../model/resource.js';
import type { ScanModel } from '../model/scan-model.js';
import type { Severity } from '../model/severity.js';
import type { Workload } from '../model/workload.js';
import { ruleRunner, type EngineFinding, type RuleRunner } from '../engine/run-rules.js';
import { crossFileInputs, type RuleDefinition, type RuleSettings } from '../rules/rule.js';
import type { InputKind } from '../model/input-kind.js';
import { groupOwnedPods } from '../sources/kubernetes/group-owned-pods.js';
import { namespaceLabels } from '../rules/support/pod-security-plan.js';
import { detectKind } from '../sources/source-kinds.js';
import { emptyModel } from '../model/scan-model.js';
import { parseWith } from './parse-file.js';
import { readInputFileSync } from './read-input.js';
import { droppedSource, slimKubeObject, slimPod } from './slim-model.js';

export interface CheckAsReadOptions {
  rules: readonly RuleDefinition[];
  settings: RuleSettings;
  severities?: Record<string, Severity>;
}

/** How long each list of the model was before a file was read. */
export interface ModelMark {
  workloads: number;
  builds: number;
  images: number;
  kubeObjects: number;
  imageRefs: number;
}

/** Quadlet `.kube` units change the pods of YAML files read before them: such a scan is checked whole. */
const QUADLET_NAME = /\.(?:container|kube|pod)$/;

/** Whether a scan of these files can be checked as read (see QUADLET_NAME). */
export function canCheckAsRead(paths: readonly string[]): boolean {
  return !paths.some((p) => QUADLET_NAME.test(p));
}

const POD_SECURITY_LABEL = /^pod-security\.kubernetes\.io\/(?:enforce|warn|audit)$/;

export class CheckAsRead {
  private readonly runner: RuleRunner;
  private readonly local: RuleDefinition[];
  private readonly cross: RuleDefinition[];
  /** Pods of a live dump that owner grouping may fold: checked at the end. */
  private readonly owned = new Set<Workload>();
  private readonly ownedResources = new Set<ResourceRef>();
  private readonly ownedRefs = new Set<ImageRefUse>();
  /** Workloads whose pod tree was let go, with the file that made them and their place among its workloads. */
  private readonly slimmed = new Map<Workload, { root: string; index: number }>();
  /** Pod Security waits for the namespaces' labels: only then is the file read again. */
  private readonly podSecurityWaits: boolean;
  /** Inputs some cross-file rule reads at the end: the workloads of the others go once checked. */
  private readonly keptInputs: ReadonlySet<InputKind>;

  constructor(
    private readonly model: ScanModel,
    options: CheckAsReadOptions,
  ) {
    this.runner = ruleRunner(options);
    this.local = [];
    this.cross = [];
    // Kubernetes workloads stay whatever the rules: owner grouping folds dumped pods into them at the end.
    const kept = new Set<InputKind>(['K8S']);
    for (const rule of options.rules) {
      const later = crossFileInputs(rule, options.settings);
      for (const input of later) kept.add(input);
      if (later.length === 0) this.local.push(rule);
      else if (later.length === rule.inputs.length) this.cross.push(rule);
      else {
        // Per file for some inputs, at the end for others: one rule (one id, one set of repeats) seen two ways.
        this.local.push({ ...rule, inputs: rule.inputs.filter((i) => !later.includes(i)) });
        this.cross.push({ ...rule, inputs: later });
      }
    }
    this.keptInputs = kept;
    this.podSecurityWaits = this.cross.some((r) => r.id.startsWith('pod-security-'));
  }

  mark(): ModelMark {
    const m = this.model;
    return { workloads: m.workloads.length, builds: m.builds.length, images: m.images.length, kubeObjects: m.kubeObjects.length, imageRefs: m.imageRefs.length };
  }

  /**
   * Checks what reading `root` added to the model since `mark`, then slims it. A file
   * from standard input keeps its trees: it cannot be read again.
   */
  afterFile(root: string, mark: ModelMark, rereadable: boolean): void {
    const m = this.model;
    const added = m.workloads.slice(mark.workloads);
    const workloads: Workload[] = [];
    for (const w of added) {
      if (w.input === 'K8S' && w.owner !== undefined) {
        this.owned.add(w);
        for (const c of w.containers) this.ownedResources.add(c.resource);
      } else workloads.push(w);
    }
    const imageRefs: ImageRefUse[] = [];
    for (const r of m.imageRefs.slice(mark.imageRefs)) {
      if (this.ownedResources.has(r.resource)) this.ownedRefs.add(r);
      else imageRefs.push(r);
    }
    const kubeObjects = m.kubeObjects.slice(mark.kubeObjects);
    this.runner.run({ ...m, workloads, builds: m.builds.slice(mark.builds), images: m.images.slice(mark.images), kubeObjects, imageRefs }, this.local);
    for (const o of kubeObjects) slimKubeObject(o);
    this.dropUnread(mark, workloads, imageRefs);
    if (!rereadable) return;
    for (let index = 0; index < added.length; index++) {
      const w = added[index]!;
      if (w.input !== 'K8S' || !w.pod || this.owned.has(w)) continue;
      if (this.podSecurityWaits) this.slimmed.set(w, { root, index });
      w.pod = slimPod(w.pod);
    }
    const src = m.files.get(root);
    // Suppression comments are read from the text at the end; few files have one.
    if (src && !src.dropped && !src.text.includes('seaworthy-ignore')) m.files.set(root, droppedSource(root));
  }

  /**
   * Takes out of the model what this file added and no cross-file rule reads: the
   * workloads and image references of inputs none of them looks at (Compose
   * services, run lines), builds and images (no cross-file rule reads them).
   */
  private dropUnread(mark: ModelMark, checked: readonly Workload[], refs: readonly ImageRefUse[]): void {
    const m = this.model;
    const keep = this.keptInputs;
    if (checked.some((w) => !keep.has(w.input))) {
      const stay = m.workloads.slice(mark.workloads).filter((w) => keep.has(w.input) || this.owned.has(w));
      m.workloads.length = mark.workloads;
      for (const w of stay) m.workloads.push(w);
    }
    if (refs.some((r) => !keep.has(r.input))) {
      const stay = m.imageRefs.slice(mark.imageRefs).filter((r) => keep.has(r.input) || this.ownedRefs.has(r));
      m.imageRefs.length = mark.imageRefs;
      for (const r of stay) m.imageRefs.push(r);
    }
    if (!keep.has('DF')) m.builds.length = mark.builds;
    if (!keep.has('IMG')) m.images.length = mark.images;
  }

  /** Groups owned pods, checks them, then runs the cross-file rules; returns every finding (unsorted: the scan sorts them). */
  async finish(errors: ScanError[], timeLimitMs: number, maxFileSize: number): Promise<EngineFinding[]> {
    const m = this.model;
    if (this.owned.size) {
      groupOwnedPods(m);
      const workloads = m.workloads.filter((w) => this.owned.has(w));
      const imageRefs = m.imageRefs.filter((r) => this.ownedRefs.has(r));
      this.runner.run({ ...m, workloads, builds: [], images: [], kubeObjects: [], imageRefs }, this.local);
    }
    if (this.podSecurityWaits && this.slimmed.size) await this.restorePods(errors, timeLimitMs, maxFileSize);
    this.runner.run(m, this.cross);
    return this.runner.findings;
  }

  /**
   * Gives back the whole pod of each workload whose namespace carries Pod Security
   * labels, by reading its file again; the workload must come out the same, or the
   * file changed under the scan and says so.
   */
  private async restorePods(errors: ScanError[], timeLimitMs: number, maxFileSize: number): Promise<void> {
    const labelled = new Set<string>();
    for (const [name, labels] of namespaceLabels(this.model)) if (Object.keys(labels).some((k) => POD_SECURITY_LABEL.test(k))) labelled.add(name);
    if (labelled.size === 0) return;
    const byRoot = new Map<string, { w: Workload; index: number }[]>();
    for (const [w, { root, index }] of this.slimmed) {
      if (!labelled.has(w.namespace ?? 'default')) continue;
      const list = byRoot.get(root) ?? [];
      list.push({ w, index });
      byRoot.set(root, list);
    }
    for (const [root, wanted] of byRoot) {
      const fresh = await this.reread(root, timeLimitMs, maxFileSize);
      for (const { w, index } of wanted) {
        const again = fresh?.[index];
        if (again?.pod && again.kind === w.kind && again.name === w.name && again.loc.startLine === w.loc.startLine && again.loc.startColumn === w.loc.startColumn) w.pod = again.pod;
        else {
          errors.push({ file: root, message: 'the file changed while it was scanned: Pod Security was not judged for its workloads; scan again', code: 'read' });
          break;
        }
      }
    }
  }

  private async reread(root: string, timeLimitMs: number, maxFileSize: number): Promise<Workload[] | undefined> {
    const read = readInputFileSync(root, maxFileSize);
    if ('error' in read) return undefined;
    const scratch = emptyModel();
    if (this.model.boundary) scratch.boundary = this.model.boundary;
    const source = await detectKind(root, read.text)?.load();
    // Its errors were reported the first time.
    parseWith(source, { path: root, text: read.text }, scratch, [], timeLimitMs);
    return scratch.workloads;
  }
}
