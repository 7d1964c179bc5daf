/**
 * YAML as Kubernetes reads it: a small Go program (test/tools/k8s-yaml) that splits
 * a stream with apimachinery's YAMLReader and converts each document with
 * sigs.k8s.io/yaml, built once into the cache outside the repository by its
 * build.sh (which .ci/run also calls). With `-compose` the same program reads as
 * Compose does: go-yaml v3, one decode per document.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { hasProgram, prerequisite, repoRoot } from './prerequisites.js';

/** What Kubernetes made of one stream: its non-empty documents as JSON values, or its error. */
export type KubernetesRead = { docs: unknown[] } | { error: string };

let built: string | undefined;

/** The tool's path, built if missing; or a skip reason outside CI (a failure in CI). */
export function k8sYamlTool(): { bin: string } | { skip: string } {
  if (built) return { bin: built };
  const skip = prerequisite(hasProgram('go'), 'go (builds test/tools/k8s-yaml from the Go module proxy)');
  if (skip) return { skip };
  const r = spawnSync('sh', [join(repoRoot, 'test/tools/k8s-yaml/build.sh')], { encoding: 'utf8', timeout: 900_000 });
  if (r.status !== 0) throw new Error(`building test/tools/k8s-yaml failed:\n${r.stderr}`);
  built = r.stdout.trim();
  return { bin: built };
}

/** Reads every stream as kubectl would, in one run of the tool. */
export function kubernetesReads(bin: string, streams: readonly string[]): KubernetesRead[] {
  return reads(bin, [], streams);
}

/** Reads every stream as compose-go would (go-yaml v3), in one run of the tool. */
export function composeReads(bin: string, streams: readonly string[]): KubernetesRead[] {
  return reads(bin, ['-compose'], streams);
}

function reads(bin: string, args: string[], streams: readonly string[]): KubernetesRead[] {
  const r = spawnSync(bin, args, { input: JSON.stringify(streams), encoding: 'utf8', maxBuffer: 1 << 30, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`k8s-yaml failed (${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { docs?: unknown[]; error?: string }[];
  return out.map((o) => (o.error !== undefined ? { error: o.error } : { docs: o.docs ?? [] }));
}
