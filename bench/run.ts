/**
 * `npm run bench`: every benchmark, each printing its ratios to a baseline measured
 * in the same run on the same input, then issue 11's targets with met / not met.
 * Pass names to run a subset: `npm run bench -- k8s memory`; `yaml` is the YAML layer
 * alone. `peers` (installs and times kube-linter, Polaris, Checkov, hadolint and
 * Trivy), `harbor` (builds an image and runs a registry), `cluster` (a seeded
 * kube-apiserver) and `parse-workers` (parsing over worker threads) run only when named.
 */
import { runComposeBench, runContainerfileBench, runK8sBench, runMemoryBench, runRunLineBench } from './scan-benches.js';
import { runStartupBench } from './startup.js';
import { runImageBench } from './image-layer.js';
import { runNetpolBench } from './netpol.js';
import { runDockerfileBench } from './dockerfile-parse.js';
import { runVulnBench } from './vuln.js';
import { runAdmissionBench } from './admission.js';
import { runYamlParseBench } from './yaml-parse.js';
import { formatTarget, type Target } from './measure.js';

const benches: Record<string, () => Promise<Target[]>> = {
  startup: () => runStartupBench(),
  // The YAML layer alone (no target): how much of a scan is the parse.
  yaml: async () => (await runYamlParseBench(), []),
  k8s: () => runK8sBench(),
  compose: () => runComposeBench(),
  runlines: () => runRunLineBench(),
  containerfiles: () => runContainerfileBench(),
  memory: () => runMemoryBench(),
  image: () => runImageBench(),
  netpol: async () => (runNetpolBench(), []),
  dockerfile: async () => (runDockerfileBench(), []),
  vuln: async () => (await runVulnBench(), []),
  admission: async () => (await runAdmissionBench(), []),
};
const onDemand: Record<string, () => Promise<Target[]>> = {
  // elkjs against dagre for the netpol page; with chromium, the page's own layout time.
  'netpol-layout': async () => (await (await import('./netpol-layout.js')).runNetpolLayoutBench(), []),
  peers: async () => (await (await import('./peers.js')).runPeersBench(), []),
  // Parsing over two worker threads against the main thread (what worker threads could gain).
  'parse-workers': async () => (await (await import('./parse-workers.js')).runParseWorkersBench(), []),
  harbor: async () => (await (await import('./harbor.js')).runHarborBench(), []),
  // Starts a kube-apiserver and seeds it with 10,000 pods: only when named.
  cluster: async () => (await (await import('./cluster.js')).runClusterBench(), []),
  // Issue 9's attack classes through the CLI (SEAWORTHY_BEFORE=DIR adds an older build).
  hostile: async () => (await (await import('./hostile.js')).runHostileBench(), []),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in benches) && !(w in onDemand));
if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${[...Object.keys(benches), ...Object.keys(onDemand)].join(', ')}`);
const targets: Target[] = [];
for (const [name, run] of Object.entries({ ...benches, ...onDemand })) {
  if (wanted.length ? !wanted.includes(name) : !(name in benches)) continue;
  targets.push(...(await run()));
  console.log('');
}
if (targets.length) {
  console.log('targets (issue 11):');
  for (const t of targets) console.log(formatTarget(t));
  const missed = targets.filter((t) => !t.met).length;
  console.log(missed ? `${missed} of ${targets.length} targets not met` : `all ${targets.length} targets met`);
}
