/**
 * The shape of a rule. A rule is one file exporting one definition: its metadata
 * (shown by `seaworthy rules` and in docs/rules.md) and a `check` that reads the
 * normalized model and reports through the context. Message ids are a string
 * union, so a misspelled id does not compile.
 */
import type { BuildSpec } from '../model/build-spec.js';
import type { ContainerSpec } from '../model/container-spec.js';
import type { ImageRefUse } from '../model/image-ref.js';
import type { InputKind } from '../model/input-kind.js';
import type { Location } from '../model/location.js';
import type { ResourceRef } from '../model/resource.js';
import type { ScanModel } from '../model/scan-model.js';
import type { Severity } from '../model/severity.js';
import type { Workload } from '../model/workload.js';
import type { ImageSpec } from '../model/image-spec.js';
import type { KubeObject } from '../model/kube-object.js';
import type { FindingVulnerability } from '../model/finding.js';

export interface RuleReference {
  /** `CIS Docker 4.1`, `NSA/CISA Kubernetes Hardening`, `Pod Security Standards: Restricted`… */
  title: string;
  url?: string;
}

/** A fix's documentation: shown in docs/rules.md and `seaworthy rules ID`. */
export interface RuleFix {
  /** `true` when `seaworthy fix` edits the input; `false` when it never does (a decision). */
  automatic: boolean;
  /** What the edit writes, per input kind. */
  effect: string;
  /** What may break, and how to tell. */
  risk: string;
}

export interface RuleDefinition<M extends string = string> {
  id: string;
  title: string;
  severity: Severity;
  /** Inputs the rule applies to; the context only hands it objects of these kinds. */
  inputs: readonly InputKind[];
  /** Why the practice matters, in a sentence or two. */
  rationale: string;
  /** What to change. */
  remedy: string;
  references: readonly RuleReference[];
  /** Messages by id; `{{name}}` placeholders are filled from `data`. */
  messages: Record<M, string>;
  /** Off unless a user switches it on. */
  defaultOff?: boolean;
  /** Further documentation (Markdown) for `seaworthy rules` and docs/rules.md. */
  details?: string;
  /** What `seaworthy fix` does about a finding of this rule, and what that risks. */
  fix?: RuleFix;
  /**
   * Set when what the rule says about one file depends on other files (the Namespace,
   * NetworkPolicies, LimitRanges, ServiceAccounts or RBAC bindings of a workload's
   * namespace): it then runs once, after every file is read, over the model with the
   * summaries scan-time slimming keeps (scan/slim-model.ts). Every other rule runs as
   * each file is parsed, while the file's trees are still there. A function decides
   * per scan (an explicit Pod Security level makes that rule per-file); a list of
   * inputs makes the rule cross-file for those only (limits: a LimitRange speaks
   * for Kubernetes pods, nothing does for Compose services).
   */
  crossFile?: true | readonly InputKind[] | ((settings: RuleSettings) => boolean);
  check(ctx: RuleContext<M>): void;
}

/** The inputs for which `rule` must wait for every file (see `RuleDefinition.crossFile`); empty when it never does. */
export function crossFileInputs(rule: Pick<RuleDefinition, 'crossFile' | 'inputs'>, settings: RuleSettings): readonly InputKind[] {
  const c = rule.crossFile;
  if (c === undefined) return [];
  if (c === true) return rule.inputs;
  if (typeof c === 'function') return c(settings) ? rule.inputs : [];
  return rule.inputs.filter((i) => c.includes(i));
}

export interface Report<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  loc: Location;
  /** The container or workload judged: gives the finding its resource and suppressions. */
  target?: ContainerSpec | Workload;
  /** Overrides the resource derived from `target`. */
  resource?: ResourceRef;
  related?: { message: string; location: Location }[];
  /** Overrides the rule's severity for this one finding (e.g. a PSA `warn` label). */
  severity?: Severity;
  /** For `vulnerable-package`: the advisory and package, carried into the finding. */
  vulnerability?: FindingVulnerability;
}

/** Settings shared by rules, from configuration. */
export interface RuleSettings {
  trustedRegistries: string[];
  dangerousCapabilities: string[];
  /** Workloads marked untrusted (namespaces or labels), for `no-sandbox-runtime`. */
  untrusted: { namespaces: string[]; labels: Record<string, string> };
  /** Runtime names that count as sandboxed. */
  sandboxRuntimes: string[];
  /**
   * Pod Security Standards level chosen explicitly (`--pod-security`, config
   * `podSecurity`); it then applies to every workload, namespace labels aside.
   */
  podSecurity?: { level: 'baseline' | 'restricted'; version: string };
  /** Rule-specific options from configuration, by rule id. */
  options: Record<string, unknown>;
}

export interface RuleContext<M extends string> {
  readonly model: ScanModel;
  readonly settings: RuleSettings;
  /** The rule's severity in this scan (its default, or the configured one). */
  readonly severity: Severity;
  /** Containers whose input is among the rule's inputs. */
  containers(): ContainerSpec[];
  /** Workloads whose input is among the rule's inputs. */
  workloads(): Workload[];
  /** Containerfiles, when the rule applies to DF. */
  builds(): BuildSpec[];
  /** Built images, when the rule applies to IMG. */
  images(): ImageSpec[];
  /** Image references of the rule's inputs. */
  imageRefs(): ImageRefUse[];
  /** Kubernetes objects of a kind (any kind when omitted), when the rule applies to K8S. */
  kubeObjects(kind?: string): KubeObject[];
  report(report: Report<M>): void;
}

/**
 * Declares a rule with its message ids checked by the compiler.
 *
 * @example
 * export default defineRule({ id: 'privileged-container', messages: { on: 'Privileged mode is on.' }, … });
 */
export function defineRule<M extends string>(rule: RuleDefinition<M>): RuleDefinition<M> {
  return rule;
}

/**
 * Fills `{{name}}` placeholders. A subject written to open a sentence ("The final
 * stage") is lower-cased inside one ("The final user of the final stage …").
 */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  const parts = compiled(template);
  // Joined, not concatenated: `+=` leaves a tree of string pieces behind every message
  // (each piece an object, the data's own pieces below them) that a scan keeps for
  // every finding until the report is written; join makes one flat string.
  const out: string[] = [parts.head];
  for (const p of parts.holes) {
    if (p.name in data) {
      const value = String(data[p.name]);
      out.push(p.offset > 0 && value.startsWith('The ') ? 't' + value.slice(1) : value);
    } else out.push(p.whole);
    out.push(p.tail);
  }
  return out.join('');
}

/** A template cut at its placeholders: the text before the first, then each placeholder and the text after it. */
interface CompiledTemplate {
  head: string;
  holes: { name: string; whole: string; offset: number; tail: string }[];
}

/**
 * Templates cut once (there are a few hundred, and a scan formats a message per
 * finding): the same matches `String.replace` would find, so the same text.
 */
const templates = new Map<string, CompiledTemplate>();
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

function compiled(template: string): CompiledTemplate {
  let parts = templates.get(template);
  if (parts) return parts;
  parts = { head: '', holes: [] };
  let last = 0;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(template); m; m = PLACEHOLDER.exec(template)) {
    if (parts.holes.length) parts.holes[parts.holes.length - 1]!.tail = template.slice(last, m.index);
    else parts.head = template.slice(0, m.index);
    parts.holes.push({ name: m[1]!, whole: m[0], offset: m.index, tail: '' });
    last = m.index + m[0].length;
  }
  if (parts.holes.length) parts.holes[parts.holes.length - 1]!.tail = template.slice(last);
  else parts.head = template;
  templates.set(template, parts);
  return parts;
}
