/**
 * Benchmark of the Compose and run-line sources against a baseline measured in the
 * same run on the same input: js-yaml's `loadAll` of the Compose files, and the bare
 * shell parser (mvdan-sh `Parse`) on the scripts. Prints throughput and the ratio
 * (source time / baseline time). Run: `node dist/bench/compose-run.js`.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { loadAll } from 'js-yaml';
import type { ShSyntax } from 'mvdan-sh';
import { emptyModel } from '../src/model/scan-model.js';
import type { ScanError } from '../src/model/finding.js';
import { composeSource } from '../src/sources/compose/compose-source.js';
import { commandLineSource } from '../src/sources/command-line/command-line-source.js';
import { sourceFile } from '../src/sources/source-file.js';

export interface BenchResult {
  name: string;
  bytes: number;
  units: number;
  unitName: string;
  sourceMs: number;
  baselineMs: number;
  ratio: number;
}

/** A Compose file with `services` typical services. Paths start with `<` so no side file is looked up. */
function composeFile(index: number, services: number): string {
  const lines = ['x-common: &common', '  restart: unless-stopped', '  read_only: true', 'services:'];
  for (let s = 0; s < services; s++) {
    lines.push(
      `  svc${s}:`,
      '    <<: *common',
      `    image: "registry.example.com/team/app${s}:\${TAG:-1.${index}}"`,
      '    user: "10001:10001"',
      '    ports:',
      `      - "127.0.0.1:${8000 + s}:8080"`,
      `      - target: 9${s % 1000}`,
      '        published: "9000"',
      '    volumes:',
      `      - ./data${s}:/data:ro`,
      '      - cache:/cache',
      '    tmpfs:',
      '      - /tmp:size=64m,nosuid,nodev,noexec',
      '    environment:',
      `      - MODE=prod`,
      `      - DB_PASSWORD=\${DB_PASSWORD}`,
      '      LOG_LEVEL: info'.replace('      LOG_LEVEL: info', `      - LOG_LEVEL=info`),
      '    security_opt: ["no-new-privileges:true"]',
      '    cap_drop: [ALL]',
      '    cap_add: [NET_BIND_SERVICE]',
      '    pids_limit: 100',
      '    deploy:',
      '      resources:',
      '        limits: {cpus: "0.5", memory: 256m}',
    );
  }
  return lines.join('\n') + '\n';
}

/** A deploy script: run lines with many flags between ordinary shell. */
function script(index: number, runs: number): string {
  const lines = ['#!/bin/bash', 'set -euo pipefail', `IMAGE=\${IMAGE:-app:${index}}`];
  for (let r = 0; r < runs; r++) {
    lines.push(
      `# service ${r}`,
      `if [ -n "\${SKIP_${r}:-}" ]; then echo "skip ${r}"; fi`,
      `podman run -d --name svc${r} --read-only --tmpfs /tmp:rw,size=64m,nosuid,nodev,noexec \\`,
      `  -p 127.0.0.1:${8000 + r}:8080 -e "MODE=prod" -e HOME -v "$PWD/data${r}:/data:ro,Z" \\`,
      `  --security-opt no-new-privileges --cap-drop=all --user 1000:1000 --pids-limit 100 \\`,
      `  --memory 256m --cpus 0.5 registry.example.com/app${r}:1.${r} serve --port 8080`,
      `for f in a b c; do echo "$f" | sed -e 's/x/y/' > /dev/null; done`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Median time of `rounds` runs of `fn`, after one warm-up run. */
function time(fn: () => void, rounds: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function result(name: string, texts: string[], units: number, unitName: string, sourceMs: number, baselineMs: number): BenchResult {
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  return { name, bytes, units, unitName, sourceMs, baselineMs, ratio: sourceMs / baselineMs };
}

/**
 * Runs both benchmarks and prints one line each; returns the figures.
 *
 * @example
 * const [compose, runLines] = runComposeRunBench({ rounds: 5 });
 */
export function runComposeRunBench(options: { files?: number; rounds?: number; print?: boolean } = {}): BenchResult[] {
  const files = options.files ?? 200;
  const rounds = options.rounds ?? 7;
  const results: BenchResult[] = [];

  const composeTexts = Array.from({ length: files }, (_, i) => composeFile(i, 20));
  let services = 0;
  const composeMs = time(() => {
    const model = emptyModel();
    const errors: ScanError[] = [];
    composeTexts.forEach((text, i) => composeSource.parse(sourceFile(`<bench>/${i}/compose.yaml`, text), model, errors));
    services = model.workloads.length;
  }, rounds);
  const yamlMs = time(() => {
    for (const text of composeTexts) loadAll(text);
  }, rounds);
  results.push(result('compose → model', composeTexts, services, 'services', composeMs, yamlMs));

  const scripts = Array.from({ length: files }, (_, i) => script(i, 20));
  let runLines = 0;
  const runMs = time(() => {
    const model = emptyModel();
    const errors: ScanError[] = [];
    scripts.forEach((text, i) => commandLineSource.parse(sourceFile(`<bench>/${i}/deploy.sh`, text), model, errors));
    runLines = model.workloads.length;
  }, rounds);
  const sh = (createRequire(import.meta.url)('mvdan-sh') as { syntax: ShSyntax }).syntax;
  const parser = sh.NewParser(sh.KeepComments(false), sh.Variant(sh.LangBash));
  const shellMs = time(() => {
    for (const text of scripts) parser.Parse(text, '');
  }, rounds);
  results.push(result('run lines → model', scripts, runLines, 'run lines', runMs, shellMs));

  if (options.print !== false) {
    for (const r of results) {
      const mb = r.bytes / 1024 / 1024;
      console.log(
        `${r.name.padEnd(18)} ${(mb / (r.sourceMs / 1000)).toFixed(2)} MB/s, ${Math.round(r.units / (r.sourceMs / 1000))} ${r.unitName}/s ` +
          `(${r.units} ${r.unitName}, ${mb.toFixed(1)} MB, ${r.sourceMs.toFixed(0)} ms) · baseline ${r.baselineMs.toFixed(0)} ms · ratio ${r.ratio.toFixed(2)}×`,
      );
    }
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runComposeRunBench();
