/**
 * Helm templates met as files: a chart's `templates/*.yaml` are Go templates, YAML
 * only once `helm template` renders them. seaworthy does not render charts, but
 * when a template is named on the command line it says so, and points at the line
 * that is really wrong: a Go template action that is never closed, an `{{ end }}`
 * that closes nothing, a block that never ends, or — with the actions set aside
 * and the first branch of each `if` kept — a YAML mistake in the text around them.
 * Without such a problem the error points at the first template action.
 */
import { join } from 'node:path';
import { sourceFile } from '../source-file.js';
import { sideFileExists } from '../side-file.js';
import { parseYaml, YamlSyntaxError } from '../yaml/parse-yaml.js';

/** A Go template action as Helm writes them (`{{ .Values.x }}`, `{{- if … }}`, a `{{/* comment`). */
const HELM_ACTION = /\{\{-?\s*(?:[.$]|if\b|range\b|with\b|include\b|template\b|define\b|block\b|end\b|else\b|toYaml\b|tpl\b|\/\*)/;
const OPENS_BLOCK = new Set(['if', 'range', 'with', 'define', 'block']);
const CONTROL = new Set([...OPENS_BLOCK, 'else', 'end']);

export interface HelmTemplate {
  /** 1-based line of the first template action. */
  firstAction: number;
  /** The line that is really wrong, when one is found, and what is wrong there. */
  problem?: { line: number; column?: number; message: string };
}

/** Whether the text holds Helm template actions; if so, where, and the first real problem. */
export function readHelmTemplate(text: string): HelmTemplate | undefined {
  const first = text.search(HELM_ACTION);
  if (first === -1) return undefined;
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
  const firstAction = lineOf(first);
  const problem = actionProblem(text, lineOf) ?? yamlProblem(text);
  return problem ? { firstAction, problem } : { firstAction };
}

/** The chart a file under `<chart>/templates/` belongs to (a `Chart.yaml` beside `templates`), if any. */
export function chartOfTemplate(path: string): string | undefined {
  const parts = path.split(/[\\/]/);
  const at = parts.lastIndexOf('templates');
  if (at < 0 || at === parts.length - 1) return undefined;
  const chartDir = parts.slice(0, at).join('/') || '.';
  const inChart = join(chartDir, 'templates', 'x');
  return sideFileExists(inChart, '../Chart.yaml') || sideFileExists(inChart, '../Chart.yml') ? chartDir : undefined;
}

interface Block {
  keyword: string;
  line: number;
}

/** Go template structure: every `{{` closed, every block ended, no `{{ end }}` too many. */
function actionProblem(text: string, lineOf: (offset: number) => number): HelmTemplate['problem'] {
  const stack: Block[] = [];
  let at = text.indexOf('{{');
  while (at !== -1) {
    const close = text.indexOf('}}', at + 2);
    if (close === -1) return { line: lineOf(at), message: 'this template action `{{` is never closed with `}}`' };
    const keyword = /^-?\s*([a-z]+)\b/.exec(text.slice(at + 2, close))?.[1];
    if (keyword && OPENS_BLOCK.has(keyword)) stack.push({ keyword, line: lineOf(at) });
    else if (keyword === 'end' && !stack.pop()) return { line: lineOf(at), message: '`{{ end }}` closes no `if`, `range`, `with`, `define` or `block`' };
    else if (keyword === 'else' && stack.length === 0) return { line: lineOf(at), message: '`{{ else }}` outside any `if`, `range` or `with`' };
    at = text.indexOf('{{', close + 2);
  }
  const open = stack.pop();
  return open ? { line: open.line, message: `this \`{{ ${open.keyword} }}\` is never closed with \`{{ end }}\`` } : undefined;
}

/**
 * The YAML around the actions: each action set aside (a placeholder where it stands
 * inside a line, nothing where it fills its line), the text of `else` branches and
 * `define` bodies dropped, so the first branch of each condition is read as if
 * rendered. Lines and columns stay those of the file. Duplicate keys are not
 * reported: two branches of one condition may each set the same key.
 */
function yamlProblem(text: string): HelmTemplate['problem'] {
  const out: string[] = [];
  const stack: { keyword: string; skipping: boolean }[] = [];
  const skipping = (): boolean => stack.some((b) => b.skipping);
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    const end = open === -1 ? text.length : open;
    const chunk = text.slice(i, end);
    out.push(skipping() ? chunk.replace(/[^\n]/g, ' ') : chunk);
    if (open === -1) break;
    const close = text.indexOf('}}', open + 2);
    if (close === -1) return undefined; // reported by actionProblem
    const action = text.slice(open, close + 2);
    const keyword = /^\{\{-?\s*([a-z]+)\b/.exec(action)?.[1];
    if (keyword && OPENS_BLOCK.has(keyword)) stack.push({ keyword, skipping: keyword === 'define' });
    else if (keyword === 'else' && stack.length) stack[stack.length - 1]!.skipping = true;
    else if (keyword === 'end') stack.pop();
    const lineStart = text.lastIndexOf('\n', open - 1) + 1;
    const lineEnd = text.indexOf('\n', close);
    const before = text.slice(lineStart, open);
    const after = text.slice(close + 2, lineEnd === -1 ? text.length : lineEnd);
    // Inside a line the action yields a value; alone on its line it yields lines (or nothing).
    const inline = !skipping() && !(keyword && CONTROL.has(keyword)) && (before.trim() !== '' || after.trim() !== '');
    out.push(action.replace(/[^\n]/g, inline ? 'x' : ' '));
    i = close + 2;
  }
  try {
    parseYaml(sourceFile('template.yaml', out.join('')), { dialect: 'kubernetes' });
    return undefined;
  } catch (error) {
    if (!(error instanceof YamlSyntaxError) || error.line === undefined) return undefined;
    if (/duplicated mapping key/.test(error.message)) return undefined;
    return { line: error.line, ...(error.column !== undefined && { column: error.column }), message: `the YAML around the template actions does not parse: ${error.message}` };
  }
}

/** The `helm template` command line that renders the chart of `path` (or any chart). */
export function renderHint(path: string): string {
  const chart = chartOfTemplate(path);
  return `helm template ${chart ?? 'CHART'} | seaworthy scan -`;
}
