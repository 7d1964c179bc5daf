// js-yaml 4.1, installed under the alias js-yaml4 for the benchmark baselines only.
declare module 'js-yaml4' {
  export function loadAll(text: string): unknown[];
}
