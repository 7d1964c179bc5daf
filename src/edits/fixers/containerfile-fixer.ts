/**
 * Containerfiles: a final stage without `USER` gets `USER 10001:10001` (configurable)
 * — before its trailing `CMD`/`ENTRYPOINT`/`EXPOSE`/`HEALTHCHECK`/`LABEL`/
 * `STOPSIGNAL` block, so every `RUN` still runs as the build's user. A `USER root`
 * written on purpose, or a named user, is left for a decision.
 */
import type { EditOperation } from '../edit-operation.js';
import { fixUser } from '../fix-options.js';
import { applyTextEdits, lineEndingAt } from '../text-edit.js';
import type { FixRequest, FixResult } from './fixer.js';

const TRAILING = /^(CMD|ENTRYPOINT|EXPOSE|HEALTHCHECK|LABEL|STOPSIGNAL)\b/i;

export function fixContainerfile(request: FixRequest): FixResult {
  const finding = request.findings.find((f) => f.ruleId === 'run-as-root');
  if (!finding || request.kept.some((f) => f.ruleId === 'run-as-root')) return { text: request.text, applied: [] };
  const lines = request.text.split('\n');
  const instructions = instructionStarts(lines);
  const finalFrom = instructions.filter((i) => /^FROM\b/i.test(lines[i]!.trim())).at(-1);
  if (finalFrom === undefined) return { text: request.text, applied: [] };
  // Only a stage with no USER at all: a USER written there (root, a name, ARG) is a decision.
  const stage = instructions.filter((i) => i >= finalFrom);
  if (stage.some((i) => /^USER\b/i.test(lines[i]!.trim()))) return { text: request.text, applied: [] };
  let insertAt = stage.length;
  while (insertAt > 1 && TRAILING.test(lines[stage[insertAt - 1]!]!.trim())) insertAt--;
  const user = `USER ${fixUser(request.options)}`;
  const eol = lineEndingAt(request.text, 0);
  const offsetOfLine = (n: number) => lines.slice(0, n).reduce((sum, l) => sum + l.length + 1, 0);
  let edit;
  if (insertAt < stage.length) {
    const at = offsetOfLine(stage[insertAt]!);
    edit = { start: at, end: at, text: user + eol };
  } else {
    const text = request.text;
    edit = text.length === 0 || text.endsWith('\n') ? { start: text.length, end: text.length, text: user + eol } : { start: text.length, end: text.length, text: eol + user + eol };
  }
  const applied: EditOperation[] = [{ op: 'set', path: '/user', value: fixUser(request.options), rule: 'run-as-root' }];
  return { text: applyTextEdits(request.text, [edit]), applied };
}

/** 0-based line numbers where instructions start (continuation lines, comments and blanks skipped). */
function instructionStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let continued = false;
  lines.forEach((raw, n) => {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (!continued && trimmed !== '' && !trimmed.startsWith('#')) starts.push(n);
    if (trimmed.startsWith('#') && continued) return;
    continued = /\\\s*$/.test(line) ? true : trimmed === '' && continued ? continued : false;
  });
  return starts;
}
