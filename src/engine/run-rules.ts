/**
 * Runs the chosen rules over the model in one pass and turns their reports into
 * findings with severity, message, location and resource. Knows nothing of formats.
 */
import type { ContainerSpec } from '../model/container-spec.js';
import type { Finding } from '../model/finding.js';
import type { InputKind } from '../model/input-kind.js';
import type { ResourceRef } from '../model/resource.js';
import type { ScanModel } from '../model/scan-model.js';
import type { Severity } from '../model/severity.js';
import type { Workload } from '../model/workload.js';
import { formatMessage, type Report, type RuleContext, type RuleDefinition, type RuleSettings } from '../rules/rule.js';

export interface RunRulesOptions {
  rules: readonly RuleDefinition[];
  settings: RuleSettings;
  /** Severity per rule id, replacing the rule's default. */
  severities?: Record<string, Severity>;
}

/** A finding plus what suppression needs to know about its origin. Not serialized. */
export interface EngineFinding extends Finding {
  /** The rule's message id (for tests and suppressions; not part of the JSON contract). */
  messageId?: string;
  /** Annotations of the Kubernetes object the finding is about. */
  targetAnnotations?: Record<string, string>;
}

export function runRules(model: ScanModel, options: RunRulesOptions): EngineFinding[] {
  const runner = ruleRunner(options);
  runner.run(model, options.rules);
  return runner.findings;
}

/**
 * Runs rules over one model after another into one list of findings, each rule's
 * repeats dropped across all of them: a scan checks file by file, then runs the
 * cross-file rules once (scan/check-as-read.ts), and must report what one pass over
 * the whole model would.
 */
export interface RuleRunner {
  run(model: ScanModel, rules: readonly RuleDefinition[]): void;
  readonly findings: EngineFinding[];
}

export function ruleRunner(options: Omit<RunRulesOptions, 'rules'>): RuleRunner {
  const findings: EngineFinding[] = [];
  const seenByRule = new Map<string, Map<number, EngineFinding | EngineFinding[]>>();
  const fileIds = new Map<string, number>();
  const run = (model: ScanModel, rules: readonly RuleDefinition[]): void => {
    const views = new Map<string, InputView>();
    for (const rule of rules) {
      const severity = options.severities?.[rule.id] ?? rule.severity;
      const inputsKey = inputsKeyOf(rule.inputs);
      let view = views.get(inputsKey);
      if (!view) views.set(inputsKey, (view = inputView(model, rule.inputs)));
      // A rule reporting the same thing twice (same place, message and resource) is reported once.
      let seen = seenByRule.get(rule.id);
      if (!seen) seenByRule.set(rule.id, (seen = new Map()));
      const ctx = makeContext(model, view, options.settings, severity, (report) => {
        const finding = toFinding(rule, severity, report);
        if (isRepeat(seen!, fileIds, finding)) return;
        findings.push(finding);
      });
      rule.check(ctx);
    }
  };
  return { run, findings };
}

/**
 * Whether one rule already reported this finding (same file, line, column, message
 * and resource name), else records it. Findings are kept under one number made of
 * the file's index, the line and the column (which may collide: the few findings
 * under one number are compared in full). A string key with the whole message cost
 * a long string per finding, and a map per file and rule (most holding one finding)
 * about 230 bytes per finding kept to the end of the scan.
 */
function isRepeat(seen: Map<number, EngineFinding | EngineFinding[]>, fileIds: Map<string, number>, finding: EngineFinding): boolean {
  const l = finding.location;
  let id = fileIds.get(l.file);
  if (id === undefined) fileIds.set(l.file, (id = fileIds.size));
  const key = id * 0x100000000 + (l.startLine % 0x100000) * 0x1000 + (l.startColumn % 0x1000);
  const here = seen.get(key);
  if (here === undefined) {
    seen.set(key, finding);
    return false;
  }
  const name = finding.resource?.name ?? '';
  const same = (f: EngineFinding): boolean => {
    const m = f.location;
    return m.file === l.file && m.startLine === l.startLine && m.startColumn === l.startColumn && f.message === finding.message && (f.resource?.name ?? '') === name;
  };
  if (Array.isArray(here)) {
    if (here.some(same)) return true;
    here.push(finding);
  } else {
    if (same(here)) return true;
    seen.set(key, [here, finding]);
  }
  return false;
}

const inputsKeys = new WeakMap<readonly InputKind[], string>();

/** The same key for the same set of inputs, computed once per rule definition. */
function inputsKeyOf(inputs: readonly InputKind[]): string {
  let key = inputsKeys.get(inputs);
  if (key === undefined) inputsKeys.set(inputs, (key = [...inputs].sort().join(',')));
  return key;
}

/**
 * The model as the rules of one set of inputs see it, computed on first use and
 * shared by every rule with the same inputs (rules only iterate these lists): with
 * dozens of rules, filtering the model per rule was a third of a webhook review.
 */
interface InputView {
  inputs: ReadonlySet<InputKind>;
  workloads(): Workload[];
  containers(): ContainerSpec[];
}

function inputView(model: ScanModel, ruleInputs: readonly InputKind[]): InputView {
  const inputs = new Set<InputKind>(ruleInputs);
  let workloads: Workload[] | undefined;
  let containers: ContainerSpec[] | undefined;
  const ownWorkloads = (): Workload[] => (workloads ??= model.workloads.filter((w) => inputs.has(w.input)));
  return { inputs, workloads: ownWorkloads, containers: () => (containers ??= ownWorkloads().flatMap((w) => w.containers)) };
}

function makeContext(
  model: ScanModel,
  view: InputView,
  settings: RuleSettings,
  severity: Severity,
  push: (report: Report<string>) => void,
): RuleContext<string> {
  const inputs = view.inputs;
  return {
    model,
    settings,
    severity,
    workloads: view.workloads,
    containers: view.containers,
    builds: () => (inputs.has('DF') ? model.builds : []),
    images: () => (inputs.has('IMG') ? model.images : []),
    imageRefs: () => model.imageRefs.filter((r) => inputs.has(r.input)),
    kubeObjects: (kind) => (inputs.has('K8S') ? model.kubeObjects.filter((o) => kind === undefined || o.kind === kind) : []),
    report: push,
  };
}

function toFinding(rule: RuleDefinition, severity: Severity, report: Report<string>): EngineFinding {
  const template = rule.messages[report.messageId] ?? report.messageId;
  const finding: EngineFinding = {
    ruleId: rule.id,
    severity: report.severity ?? severity,
    message: formatMessage(template, report.data),
    location: report.loc,
    messageId: report.messageId,
  };
  const resource = report.resource ?? resourceOf(report.target);
  if (resource) finding.resource = resource;
  finding.remedy = rule.remedy;
  if (report.related?.length) finding.related = report.related;
  if (report.vulnerability) finding.vulnerability = report.vulnerability;
  const workload = workloadOf(report.target);
  if (workload && hasKeys(workload.annotations)) finding.targetAnnotations = workload.annotations;
  return finding;
}

function hasKeys(record: Record<string, string>): boolean {
  for (const _ in record) return true;
  return false;
}

function isContainer(target: ContainerSpec | Workload): target is ContainerSpec {
  return 'workload' in target;
}

function resourceOf(target: ContainerSpec | Workload | undefined): ResourceRef | undefined {
  if (!target) return undefined;
  if (isContainer(target)) return target.resource;
  const ref: ResourceRef = { kind: target.kind };
  if (target.namespace !== undefined) ref.namespace = target.namespace;
  if (target.name !== undefined) ref.name = target.name;
  return ref;
}

function workloadOf(target: ContainerSpec | Workload | undefined): Workload | undefined {
  if (!target) return undefined;
  return isContainer(target) ? target.workload : target;
}
