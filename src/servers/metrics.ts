/**
 * The webhook's Prometheus metrics, with prom-client (the maintained client the
 * Node ecosystem uses): requests by endpoint and outcome, decisions by rule and mode,
 * and a latency histogram whose buckets sit around the API server's 3 s webhook timeout.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface AdmissionMetrics {
  registry: Registry;
  requests: Counter<'endpoint' | 'outcome'>;
  decisions: Counter<'rule' | 'mode'>;
  latency: Histogram<'endpoint'>;
  configReloads: Counter<'result'>;
  certReloads: Counter<'result'>;
}

export function createMetrics(): AdmissionMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'seaworthy_' });
  return {
    registry,
    requests: new Counter({
      name: 'seaworthy_admission_requests_total',
      help: 'Admission reviews answered, by endpoint and outcome (allowed, denied, patched, error).',
      labelNames: ['endpoint', 'outcome'],
      registers: [registry],
    }),
    decisions: new Counter({
      name: 'seaworthy_admission_decisions_total',
      help: 'Findings decided at admission, by rule and mode (enforce, warn, audit).',
      labelNames: ['rule', 'mode'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'seaworthy_admission_duration_seconds',
      help: 'Time from a review request to its answer.',
      labelNames: ['endpoint'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    configReloads: new Counter({ name: 'seaworthy_config_reloads_total', help: 'Configuration reloads by result (ok, rejected).', labelNames: ['result'], registers: [registry] }),
    certReloads: new Counter({ name: 'seaworthy_certificate_reloads_total', help: 'Serving certificate reloads by result (ok, rejected).', labelNames: ['result'], registers: [registry] }),
  };
}
