/**
 * Containerfile parsing must grow linearly with input: parse inputs of size n and
 * 4n in the same run and print the growth ratio (linear ≈ 4, quadratic ≈ 16).
 */
import { parseDockerfile } from '../src/sources/dockerfile/parse-dockerfile.js';
import { buildSpecFromAst } from '../src/sources/dockerfile/build-model.js';
import { sourceFile } from '../src/sources/source-file.js';
import { median } from './measure.js';

const SHAPES: Record<string, (n: number) => string> = {
  'long comment line': (n) => `# syntax=x${' '.repeat(n * 10)}y\nFROM alpine\n`,
  'long continuation': (n) => `FROM alpine\nRUN a\\${' '.repeat(n * 10)}b\n`,
  'many ENV pairs': (n) => `FROM alpine\n${`ENV ${'a=b '.repeat(500)}\n`.repeat(n / 100)}`,
  'chained variables': (n) => `FROM alpine\n${Array.from({ length: n }, (_, i) => `ENV v${i}=$v${i - 1}\n`).join('')}`,
  'many stages': (n) => 'FROM alpine AS s0\n' + Array.from({ length: n / 5 }, (_, i) => `FROM s${i} AS s${i + 1}\nUSER ${i}\n`).join(''),
  'many RUN continuations': (n) => 'FROM alpine\n' + 'RUN echo "hello world" && \\\n  make \\\n  # comment\n  install\n'.repeat(n / 2),
};

function time(text: string): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const ast = parseDockerfile(text);
    buildSpecFromAst(ast, sourceFile('Dockerfile', text));
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(runs);
}

export function runDockerfileBench(n = 1_500): { shape: string; growth: number }[] {
  const out: { shape: string; growth: number }[] = [];
  for (const [shape, make] of Object.entries(SHAPES)) {
    const small = time(make(n));
    const large = time(make(n * 4));
    const growth = large / Math.max(small, 0.01);
    out.push({ shape, growth });
    console.log(`dockerfile parse, ${shape}: n=${n} ${small.toFixed(1)} ms, 4n ${large.toFixed(1)} ms, growth ${growth.toFixed(1)}x (linear ~4x)`);
  }
  return out;
}
