/**
 * podman/docker run lines (in scripts, Makefiles, Markdown, systemd units): the
 * hardening flags inserted right after `run`/`create`, and `-p`/`--tmpfs` values
 * completed in place. Everything else on the line — other flags, quoting, line
 * continuations — stays as written.
 */
import { LineIndex } from '../../model/location.js';
import type { EditOperation } from '../edit-operation.js';
import { DEFAULT_PIDS_LIMIT, imageFixUserText, type FixOptions } from '../fix-options.js';
import { applyTextEdits, type TextEdit } from '../text-edit.js';
import { bindPort, engineCpus, engineSize, hardenTmpfsSpec, tmpfsSize } from './engine-values.js';
import { imageOf, type FixRequest, type FixResult } from './fixer.js';
import { endOffset, startOffset } from './location-offsets.js';

/** The flag each rule's fix adds, or none (the value would be a guess). */
export const RUN_FLAGS: Readonly<Record<string, (options: FixOptions, image?: string) => string | undefined>> = {
  'privilege-escalation-allowed': () => '--security-opt=no-new-privileges',
  'capabilities-not-dropped': () => '--cap-drop=all',
  'writable-root-fs': () => '--read-only',
  // The image's own numeric user where it is known, else the configured one.
  'run-as-root': (options, image) => `--user=${imageFixUserText(image, options)}`,
  'missing-pids-limit': (options) => `--pids-limit=${options.pidsLimit ?? DEFAULT_PIDS_LIMIT}`,
  'missing-memory-limit': (options) => {
    const size = engineSize(options.memoryLimit);
    return size && `--memory=${size}`;
  },
  'missing-cpu-limit': (options) => {
    const cpus = engineCpus(options.cpuLimit);
    return cpus && `--cpus=${cpus}`;
  },
};

export function fixRunLines(request: FixRequest): FixResult {
  const lines = new LineIndex(request.text);
  const edits: TextEdit[] = [];
  const applied: EditOperation[] = [];
  const kept = new Set(request.kept.map((f) => `${f.ruleId}@${f.location.startLine}:${f.location.startColumn}`));
  // Flags for absent settings go after the command's `podman run` span, which their findings carry.
  const byCommand = new Map<number, string[]>();
  for (const f of request.findings) {
    const flag = RUN_FLAGS[f.ruleId]?.(request.options, imageOf(f, request.containers));
    if (!flag || kept.has(`${f.ruleId}@${f.location.startLine}:${f.location.startColumn}`)) continue;
    const at = endOffset(lines, f.location);
    if (!/^(podman|docker)\b[\s\S]*\b(run|create)$/.test(request.text.slice(startOffset(lines, f.location), at).replace(/\\\r?\n/g, ' '))) continue;
    const flags = byCommand.get(at) ?? [];
    if (!flags.includes(flag)) flags.push(flag);
    if (f.ruleId === 'writable-root-fs' && request.options.tmpVolume && /^docker\b/.test(request.text.slice(startOffset(lines, f.location), at))) {
      // Docker has no tmpfs on a read-only root; podman mounts one at /tmp by default (--read-only-tmpfs).
      flags.push(`--tmpfs=${hardenTmpfsSpec('/tmp', tmpfsSize(request.options))}`);
    }
    byCommand.set(at, flags);
    applied.push({ op: 'add-to-list', path: '/flags', value: flag, rule: f.ruleId });
  }
  for (const [at, flags] of byCommand) edits.push({ start: at, end: at, text: ' ' + flags.join(' ') });
  // Values completed in place: the finding's span is the flag's value as written.
  for (const f of request.findings) {
    const { start, end } = valueWord(request.text, startOffset(lines, f.location), endOffset(lines, f.location));
    const written = request.text.slice(start, end);
    if (!/^[\w./:,=[\]-]+$/.test(written)) continue; // quoted or variable: leave it
    let value: string | undefined;
    if (f.ruleId === 'port-exposed-all-interfaces' && request.options.bindAddress) value = bindPort(written, request.options.bindAddress);
    else if (f.ruleId === 'tmpfs-unhardened' && written.startsWith('/')) value = hardenTmpfsSpec(written, tmpfsSize(request.options));
    if (!value || value === written) continue;
    edits.push({ start, end, text: value });
    applied.push({ op: 'set', path: '/flags', value, replace: true, rule: f.ruleId });
  }
  return { text: applyTextEdits(request.text, edits), applied };
}

/**
 * The flag value a finding points into: findings span the flag and its value
 * (`--tmpfs /tmp`) or part of the value (the host port of `8080:80`).
 */
function valueWord(text: string, spanStart: number, spanEnd: number): { start: number; end: number } {
  const span = text.slice(spanStart, spanEnd);
  // The value is the span's last word; in `--tmpfs=/tmp:size=1m` it starts after the flag's `=`.
  const lastWord = Math.max(span.lastIndexOf(' '), span.lastIndexOf('\t'));
  let start = spanStart + lastWord + 1;
  if (text[start] === '-' && text.slice(start, spanEnd).includes('=')) start = text.indexOf('=', start) + 1;
  while (start > 0 && !/[\s=]/.test(text[start - 1]!)) start--;
  let end = Math.max(start, spanEnd);
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  return { start, end };
}
