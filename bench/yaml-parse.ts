/**
 * The YAML layer alone, in one process: js-yaml 4.1 `loadAll` (values only) against
 * seaworthy's parseYaml (values and position tree; the fast reader, with js-yaml 5
 * for what it declines) and against the full js-yaml 5 path it replaced, over the
 * 5,000-manifest and 2,000-Compose-file corpora. Alternating rounds, medians of CPU
 * time. No target of its own: it shows how much of a scan's cost is the parse.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml4';
import { sourceFile } from '../src/sources/source-file.js';
import { parseYaml, parseYamlFull, type YamlOptions } from '../src/sources/yaml/parse-yaml.js';
import { writeK8sCorpus } from './k8s-corpus.js';
import { writeComposeCorpus } from './corpora.js';
import { median } from './measure.js';

async function texts(dir: string): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    out.push([path, await readFile(path, 'utf8')]);
  }
  return out;
}

function cpuMs(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
}

function compare(title: string, files: [string, string][], dialect: YamlOptions['dialect'], rounds: number): void {
  const readers: Record<string, () => void> = {
    'js-yaml 4.1 loadAll (values only)': () => {
      for (const [, text] of files) loadAll(text);
    },
    'parseYaml (fast reader; values + positions)': () => {
      for (const [path, text] of files) parseYaml(sourceFile(path, text), { dialect });
    },
    'parseYamlFull (js-yaml 5 events; values + positions)': () => {
      for (const [path, text] of files) parseYamlFull(sourceFile(path, text), { dialect });
    },
  };
  const times: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) for (const [name, run] of Object.entries(readers)) (times[name] ??= []).push(cpuMs(run));
  const base = median(times['js-yaml 4.1 loadAll (values only)']!);
  console.log(`${title} (parse only, one process, medians of ${rounds} alternating rounds)`);
  for (const [name, t] of Object.entries(times)) console.log(`  ${name.padEnd(52)} CPU ${median(t).toFixed(0).padStart(6)} ms  ${(median(t) / base).toFixed(2)}×`);
}

export async function runYamlParseBench(rounds = 5): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'seaworthy-bench-'));
  try {
    await writeK8sCorpus(join(dir, 'k8s'), 5000);
    await writeComposeCorpus(join(dir, 'compose'), 2000);
    compare('YAML, 5,000 manifests', await texts(join(dir, 'k8s')), 'kubernetes', rounds);
    compare('YAML, 2,000 Compose files', await texts(join(dir, 'compose')), 'compose', rounds);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
