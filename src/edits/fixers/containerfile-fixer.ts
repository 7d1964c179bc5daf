/**
 * Containerfiles:
 * - `run-as-root`: a final stage without `USER` gets one — before its trailing
 *   `CMD`/`ENTRYPOINT`/`EXPOSE`/`HEALTHCHECK`/`LABEL`/`STOPSIGNAL` block, so every
 *   `RUN` still runs as the build's user. The user is the one the image is known
 *   to have (a `useradd -u N` in the final stage, a base image's documented
 *   numeric user: image-user.ts), else the configured `USER 10001:10001`.
 * - `user-not-numeric`: `USER app` becomes `USER 10001` when the stage creates
 *   `app` with that UID (the group part, if any, stays as written).
 * - `recommended-packages-installed`: `--no-install-recommends` (or the manager's
 *   equivalent) inserted after `install`.
 * A `USER root` written on purpose, or a user whose UID is not known, is left for
 * a decision.
 */
import { finalStage, stageChain, type BuildSpec, type Stage } from '../../model/build-spec.js';
import { LineIndex } from '../../model/location.js';
import { sourceFile } from '../../sources/source-file.js';
import { buildSpecFromAst } from '../../sources/dockerfile/build-model.js';
import { parseDockerfile } from '../../sources/dockerfile/parse-dockerfile.js';
import { shippedInstalls } from '../../rules/support/package-installs.js';
import type { EditOperation } from '../edit-operation.js';
import { fixUser } from '../fix-options.js';
import { createdUserId, formatUser, knownImageUser } from '../image-user.js';
import { applyTextEdits, lineEndingAt, type TextEdit } from '../text-edit.js';
import type { FixRequest, FixResult } from './fixer.js';
import { startOffset } from './location-offsets.js';

const TRAILING = /^(CMD|ENTRYPOINT|EXPOSE|HEALTHCHECK|LABEL|STOPSIGNAL)\b/i;

export function fixContainerfile(request: FixRequest): FixResult {
  const wants = (rule: string) => request.findings.some((f) => f.ruleId === rule) && !request.kept.some((f) => f.ruleId === rule);
  let build: BuildSpec;
  try {
    build = buildSpecFromAst(parseDockerfile(request.text), sourceFile(request.path, request.text));
  } catch {
    return { text: request.text, applied: [] };
  }
  const final = finalStage(build);
  if (!final) return { text: request.text, applied: [] };
  const chain = stageChain(build, final);
  const lines = new LineIndex(request.text);
  const edits: TextEdit[] = [];
  const applied: EditOperation[] = [];

  if (wants('run-as-root')) {
    const user = finalUser(request, final, chain);
    if (user) {
      edits.push(user.edit);
      applied.push({ op: 'set', path: '/user', value: user.value, rule: 'run-as-root' });
    }
  }
  if (wants('user-not-numeric')) {
    const edit = numericUser(request, lines, chain);
    if (edit) {
      edits.push(edit);
      applied.push({ op: 'set', path: '/user', value: edit.text, replace: true, rule: 'user-not-numeric' });
    }
  }
  // One option per flagged `install` word (the finding's start); a suppressed finding's word is left.
  const at = (f: { location: Parameters<typeof startOffset>[1] }) => startOffset(lines, f.location);
  const kept = new Set(request.kept.filter((f) => f.ruleId === 'recommended-packages-installed').map(at));
  const flagged = new Set(request.findings.filter((f) => f.ruleId === 'recommended-packages-installed').map(at));
  for (const install of shippedInstalls(build, request.text)) {
    if (install.decided || !flagged.has(install.start) || kept.has(install.start)) continue;
    edits.push({ start: install.end, end: install.end, text: ` ${install.option}` });
    applied.push({ op: 'add-to-list', path: '/run/install', value: install.option, rule: 'recommended-packages-installed' });
  }
  return { text: applyTextEdits(request.text, edits), applied };
}

/** The `USER` line for a final stage without one, and where it goes. */
function finalUser(request: FixRequest, final: Stage, chain: Stage[]): { edit: TextEdit; value: string } | undefined {
  // Only a stage with no USER at all: a USER written there (root, a name, ARG) is a decision.
  if (chain.some((stage) => stage.instructions.some((i) => i.keyword === 'USER'))) return undefined;
  const value = imageUser(chain) ?? fixUser(request.options);
  const line = `USER ${value}`;
  const text = request.text;
  const eol = lineEndingAt(text, 0);
  const lines = new LineIndex(text);
  const instructions = final.instructions;
  let insertAt = instructions.length;
  while (insertAt > 0 && TRAILING.test(instructions[insertAt - 1]!.keyword)) insertAt--;
  if (insertAt < instructions.length) {
    // Above the comment lines that introduce the trailing block, not between them and it.
    let row = instructions[insertAt]!.loc.startLine;
    const previousEnd = (instructions[insertAt - 1] ?? final.from).loc.endLine;
    while (row - 1 > previousEnd && /^\s*#/.test(lineText(text, lines, row - 1))) row--;
    const at = lines.lineStart(row);
    return { edit: { start: at, end: at, text: line + eol }, value };
  }
  // After the stage's last instruction (or its FROM), at the start of the next line.
  const last = instructions.at(-1) ?? final.from;
  const nextLine = last.loc.endLine + 1;
  if (nextLine <= lines.lineCount) {
    // Right after the instruction, not behind the comments and blanks that follow it.
    const at = lines.lineStart(nextLine);
    return { edit: { start: at, end: at, text: line + eol }, value };
  }
  return { edit: { start: text.length, end: text.length, text: text.length === 0 || text.endsWith('\n') ? line + eol : eol + line + eol }, value };
}

function lineText(text: string, lines: LineIndex, line: number): string {
  const start = lines.lineStart(line);
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end);
}

/** The numeric user the image is known to have: one created with a UID in the final stage, or the base image's. */
function imageUser(chain: Stage[]): string | undefined {
  const runs = chain.flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.text));
  const created = new Set<number>();
  for (const text of runs) {
    for (const match of text.matchAll(/\b(?:useradd|adduser)\b[^;&|\n]*/g)) {
      const name = match[0].trim().split(/\s+/).at(-1)!;
      const uid = createdUserId(name, [match[0]]);
      if (uid !== undefined && uid > 0) created.add(uid);
    }
  }
  if (created.size === 1) return String([...created][0]);
  if (created.size > 1) return undefined; // which of them? a decision
  const base = chain.at(-1)!.base;
  const known = base.dynamic ? undefined : knownImageUser(base.value);
  return known && formatUser(known);
}

/** `USER app[:group]` → `USER 10001[:group]` when the stages create `app` with UID 10001. */
function numericUser(request: FixRequest, lines: LineIndex, chain: Stage[]): TextEdit | undefined {
  // The USER in effect: the last one of the nearest stage in the chain (final stage first) that has one.
  const user = chain.map((s) => s.instructions.filter((i) => i.keyword === 'USER').at(-1)).find((i) => i !== undefined);
  const arg = user?.args[0];
  if (!arg) return undefined;
  const finding = request.findings.find((f) => f.ruleId === 'user-not-numeric' && f.location.startLine === arg.loc.startLine);
  if (!finding) return undefined;
  const start = startOffset(lines, arg.loc);
  const written = request.text.slice(start, start + arg.value.length);
  if (written !== arg.value || /["'$]/.test(written)) return undefined;
  const colon = written.indexOf(':');
  const name = colon === -1 ? written : written.slice(0, colon);
  const runs = chain.flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.text));
  const uid = createdUserId(name, runs, chain.at(-1)!.base.value);
  if (uid === undefined || uid === 0) return undefined;
  return { start, end: start + name.length, text: String(uid) };
}
