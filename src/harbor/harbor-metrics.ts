/**
 * Prometheus metrics of the Harbor adapter (prom-client, as the webhook's): scan
 * requests and whether they joined a running scan, scans by result, their
 * duration, the queue, and HTTP answers by operation and status. Labels carry no
 * repository, digest or credential: bounded cardinality, nothing secret.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface HarborMetrics {
  registry: Registry;
  scanRequests: Counter<'shared'>;
  scans: Counter<'result'>;
  scanDuration: Histogram<'result'>;
  scansInProgress: Gauge<'state'>;
  responses: Counter<'operation' | 'status'>;
}

export function createHarborMetrics(): HarborMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'seaworthy_' });
  return {
    registry,
    scanRequests: new Counter({ name: 'seaworthy_harbor_scan_requests_total', help: 'Scan requests accepted; shared="true" when one joined a scan of the same digest already in progress.', labelNames: ['shared'], registers: [registry] }),
    scans: new Counter({ name: 'seaworthy_harbor_scans_total', help: 'Scans finished, by result (done, failed, timeout).', labelNames: ['result'], registers: [registry] }),
    scanDuration: new Histogram({
      name: 'seaworthy_harbor_scan_duration_seconds',
      help: 'Time a scan ran in a worker (pull, analysis, matching).',
      labelNames: ['result'],
      buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers: [registry],
    }),
    scansInProgress: new Gauge({ name: 'seaworthy_harbor_scans_in_progress', help: 'Scans queued or running now.', labelNames: ['state'], registers: [registry] }),
    responses: new Counter({ name: 'seaworthy_harbor_responses_total', help: 'API answers by operation (metadata, scan, report) and HTTP status.', labelNames: ['operation', 'status'], registers: [registry] }),
  };
}
