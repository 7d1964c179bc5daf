/**
 * The webhook's judge: AdmissionRequest → model → the scan's rules, suppressions and
 * exceptions → a decision per finding → AdmissionResponse. No rule logic lives here;
 * the HTTP server only adapts bodies to and from this.
 */
import type { Config } from '../config/config.js';
import { selectRules, settingsFromConfig } from '../config/settings-from-config.js';
import { applySuppressions, IGNORE_ANNOTATION } from '../engine/suppressions.js';
import type { EngineFinding } from '../engine/run-rules.js';
import { rules as catalogue } from '../rules/index.js';
import type { RuleDefinition, RuleSettings } from '../rules/rule.js';
import type { Severity } from '../model/severity.js';
import { checkModel } from '../scan/scan.js';
import { fullCatalogue } from '../scan/run-scan.js';
import type { AdmissionRequest, AdmissionResponse } from './admission-review.js';
import { admissionRules } from './admission-rules.js';
import { admissionResponse, modeFor, type JudgedFinding, type ReviewSubject } from './decide.js';
import { fieldPath, ownerPointer } from './object-text.js';
import { reviewModel, type ReviewModel } from './review-model.js';
import { clip, oneLine, WARNING_MAX } from './message-limits.js';

/** Labels of a namespace, from the API server or configuration; undefined when unknown. */
export type NamespaceLabels = (namespace: string) => Promise<Record<string, string> | undefined> | Record<string, string> | undefined;

export interface ReviewOutcome {
  response: AdmissionResponse;
  judged: JudgedFinding[];
  subject?: ReviewSubject;
}

export interface ReviewerOptions {
  /** For exception expiry; default: the time of each review. */
  today?: () => Date;
  namespaceLabels?: NamespaceLabels;
  /** Signature checks for `signatures:` (src/signatures/admission-signatures.ts); made on first need. */
  signatures?: { annotate(model: ReviewModel['model'], config: Config): Promise<void> };
}

/** Everything a review needs that depends only on the configuration, computed once per (re)load. */
interface Prepared {
  config: Config;
  rules: RuleDefinition[];
  settings: RuleSettings;
  severities: Record<string, Severity>;
  ranRuleIds: string[];
  knownRuleIds: string[];
}

/**
 * Judges admission requests under one configuration (replace it with `setConfig`).
 *
 * @example
 * const reviewer = new Reviewer(config);
 * const { response } = await reviewer.validate(review.request);
 */
export class Reviewer {
  private prepared: Prepared;

  constructor(
    config: Config,
    private readonly options: ReviewerOptions = {},
  ) {
    this.prepared = prepare(config);
  }

  get config(): Config {
    return this.prepared.config;
  }

  setConfig(config: Config): void {
    this.prepared = prepare(config);
  }

  /** Judges a request; DELETE, CONNECT and requests without an object are admitted. */
  async validate(request: AdmissionRequest): Promise<ReviewOutcome> {
    return this.outcome(request, await this.build(request));
  }

  /**
   * `validate`, synchronous when nothing must be awaited: the webhook answers most reviews
   * in the turn their body arrives. Whatever may wait (namespace labels read from the API
   * server; the signature checks of a `signatures:` section, #16) is done by `build`,
   * which every other review goes through.
   */
  judgeRequest(request: AdmissionRequest): ReviewOutcome | Promise<ReviewOutcome> {
    if (!this.judged(request)) return this.outcome(request, undefined);
    if (this.mayWait()) return this.build(request).then((built) => this.outcome(request, built));
    // Without signature checks `build` is labels + `reviewModel`: done here, asking for the
    // labels once (a second request to the API server per review would double its load).
    const labels = this.labelsFor(request);
    if (labels instanceof Promise) return labels.then((l) => this.outcome(request, reviewModel(request, l)));
    return this.outcome(request, reviewModel(request, labels));
  }

  private outcome(request: AdmissionRequest, built: ReviewModel | undefined): ReviewOutcome {
    if (!built) return { response: { uid: request.uid, allowed: true }, judged: [] };
    const judged = this.judge(built);
    const response = admissionResponse(request.uid, built.subject, judged);
    const unreadable = built.errors.filter((e) => e.file === built.path);
    if (unreadable.length) {
      // The API server validates the schema itself; say what seaworthy could not read.
      response.warnings = [...(response.warnings ?? []), ...unreadable.slice(0, 3).map((e) => clip(oneLine(`seaworthy could not read part of this object: ${e.message}`), WARNING_MAX))];
    }
    return { response, judged, subject: built.subject };
  }

  /**
   * Builds the model of a request (with its namespace's labels when they decide Pod
   * Security). A step every reviewed model must go through belongs here, and if it is
   * not always needed, in `mayWait` too, so that `judgeRequest` comes here for it.
   */
  async build(request: AdmissionRequest): Promise<ReviewModel | undefined> {
    if (request.operation !== 'CREATE' && request.operation !== 'UPDATE') return undefined;
    const namespace = request.namespace ?? namespaceOf(request.object);
    // An explicit podSecurity level judges every workload alike: no labels needed.
    const labels = namespace !== undefined && !this.prepared.config.podSecurity ? await this.options.namespaceLabels?.(namespace) : undefined;
    const built = reviewModel(request, labels);
    // Signatures (#16): only with a `signatures:` section; without one this is skipped whole.
    if (built && this.prepared.config.signatures?.require.length) await signatureHook(this.options).annotate(built.model, this.prepared.config);
    return built;
  }

  /**
   * Whether `build` may do more than the synchronous path: a `signatures:` section asks
   * for signature checks (#16), which go to registries. Read without its type, which the
   * configuration gains with that section.
   */
  private mayWait(): boolean {
    return (this.prepared.config as { signatures?: unknown }).signatures !== undefined;
  }

  private judged(request: AdmissionRequest): boolean {
    return request.operation === 'CREATE' || request.operation === 'UPDATE';
  }

  /** `build`'s labels, as a value when they need no waiting (configuration, or cached from the API). */
  private labelsFor(request: AdmissionRequest): Promise<Record<string, string> | undefined> | Record<string, string> | undefined {
    const namespace = request.namespace ?? namespaceOf(request.object);
    return namespace !== undefined && !this.prepared.config.podSecurity ? this.options.namespaceLabels?.(namespace) : undefined;
  }

  /** The findings on the reviewed object, after suppressions, each with its mode and field. */
  judge(built: ReviewModel): JudgedFinding[] {
    const p = this.prepared;
    const raw = checkModel(built.model, { rules: p.rules, settings: p.settings, severities: p.severities });
    const kept: EngineFinding[] = mayBeSuppressed(raw, built, p.config)
      ? applySuppressions(raw, built.model, p.config, this.options.today?.() ?? new Date(), {
          ranRuleIds: p.ranRuleIds,
          knownRuleIds: p.knownRuleIds,
          // One object is not the whole configuration's scope: unused exceptions say nothing here.
          reportUnusedExceptions: false,
        }).findings
      : raw;
    return kept
      .filter((f) => f.location.file === built.path)
      .map((f) => ({
        finding: { ruleId: f.ruleId, severity: f.severity, message: f.message, location: f.location, ...(f.resource && { resource: f.resource }) },
        mode: modeFor(f, built.subject.namespace, p.config.admission),
        field: fieldPath(ownerPointer(built.pointerAt(f.location.startLine))),
      }));
  }
}

function prepare(config: Config): Prepared {
  const selection = selectRules(catalogue, config);
  const rules = admissionRules(selection.rules);
  return {
    config,
    rules,
    settings: settingsFromConfig(config),
    severities: selection.severities,
    ranRuleIds: rules.map((r) => r.id),
    knownRuleIds: fullCatalogue.map((r) => r.id),
  };
}

/**
 * Whether anything could accept one of these findings: a configuration exception, an
 * ignore annotation on the object or its pod template. Most reviews have none, and then
 * the suppression pass (which would keep every finding) is skipped. Comments cannot
 * accept anything here: the reviewed object is not a file with comments (review-model.ts).
 */
function mayBeSuppressed(findings: readonly EngineFinding[], built: ReviewModel, config: Config): boolean {
  if (!findings.length) return false;
  if (config.exceptions.length || built.model.annotationSuppressions.length) return true;
  for (const f of findings) if (f.targetAnnotations?.[IGNORE_ANNOTATION] !== undefined) return true;
  return false;
}

function namespaceOf(object: unknown): string | undefined {
  const meta = (object as { metadata?: { namespace?: unknown } } | undefined)?.metadata;
  return typeof meta?.namespace === 'string' ? meta.namespace : undefined;
}

/** The signature checker of a reviewer, loaded only when a configuration asks for signatures. */
function signatureHook(options: ReviewerOptions): NonNullable<ReviewerOptions['signatures']> {
  return (options.signatures ??= {
    annotate: async (model, config) => {
      const { AdmissionSignatures } = await import('../signatures/admission-signatures.js');
      const checker = new AdmissionSignatures();
      options.signatures = checker;
      return checker.annotate(model, config);
    },
  });
}
