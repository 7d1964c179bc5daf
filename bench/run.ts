/**
 * `npm run bench`: every benchmark, each printing its ratio to a baseline measured
 * in the same run. Pass names to run a subset: `npm run bench -- k8s`.
 */
import { runK8sScanBench } from './k8s-scan.js';
import { runStartupBench } from './startup.js';
import { runImageBench } from './image-layer.js';
import { runNetpolBench } from './netpol.js';
import { runDockerfileBench } from './dockerfile-parse.js';
import { runComposeRunBench } from './compose-run.js';
import { runAdmissionBench } from './admission.js';

const benches: Record<string, () => Promise<unknown>> = {
  startup: () => runStartupBench(),
  k8s: () => runK8sScanBench(),
  netpol: async () => runNetpolBench(),
  dockerfile: async () => runDockerfileBench(),
  compose: async () => runComposeRunBench(),
  image: () => runImageBench(),
  admission: () => runAdmissionBench(),
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  await run();
}
