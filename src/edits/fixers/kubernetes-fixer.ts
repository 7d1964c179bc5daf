/**
 * Kubernetes manifests: the pod spec's safe defaults (pod-spec-defaults.ts, the
 * same table the admission webhook mutates with) for the findings of each
 * workload, written into the YAML in place. Every workload kind and `List` items
 * are reached through their pod template.
 */
import { isPlainObject, formatPointer, valueAt } from '../json-pointer.js';
import type { EditOperation } from '../edit-operation.js';
import { podSpecOperations, POD_SPEC_DEFAULTS } from '../pod-spec-defaults.js';
import { applyYamlOperations } from '../yaml-edits.js';
import { parseYaml } from '../../sources/yaml/parse-yaml.js';
import { sourceFile } from '../../sources/source-file.js';
import type { YamlNode } from '../../sources/yaml/yaml-node.js';
import { POD_TEMPLATE_PATHS, isListKind } from '../../sources/kubernetes/workload-kinds.js';
import { findingsBetween, type FixRequest, type FixResult } from './fixer.js';
import type { Finding } from '../../model/finding.js';

const POD_RULES = new Set(POD_SPEC_DEFAULTS.map((d) => d.rule));

export function fixKubernetes(request: FixRequest): FixResult {
  const src = sourceFile(request.path, request.text);
  let text = request.text;
  const applied: EditOperation[] = [];
  for (const doc of parseYaml(src)) {
    if (!doc.node || !isPlainObject(doc.value)) continue;
    const operations: EditOperation[] = [];
    for (const object of objectsOf(doc.value, doc.node)) {
      const templatePath = POD_TEMPLATE_PATHS[String(object.value['kind'])];
      if (!templatePath) continue;
      const podSpec = valueAt(object.value, [...templatePath, 'spec']);
      if (!isPlainObject(podSpec)) continue;
      const from = src.lines.position(object.node.start).line;
      const to = src.lines.position(object.node.end).line;
      const findings = findingsBetween(request.findings, from, to).filter((f) => POD_RULES.has(f.ruleId));
      if (!findings.length) continue;
      const prefix = object.pointer + formatPointer([...templatePath, 'spec']);
      const ops = podSpecOperations(podSpec, {
        rules: new Set(findings.map((f) => f.ruleId)),
        keep: keptContainers(findingsBetween(request.kept, from, to)),
        options: request.options,
      }).filter((op) => op.container === undefined || findings.some((f) => f.ruleId === op.rule && f.resource?.container === op.container));
      operations.push(...ops.map((op) => ({ ...op, path: prefix + op.path })));
    }
    if (!operations.length) continue;
    const result = applyYamlOperations(request.path, text, doc.index, operations);
    text = result.text;
    applied.push(...result.applied);
  }
  return { text, applied };
}

/** The object of a document, or each item of a `List`, with its pointer and node. */
function objectsOf(value: Record<string, unknown>, node: YamlNode): { pointer: string; value: Record<string, unknown>; node: YamlNode }[] {
  if (isListKind(String(value['kind'])) && Array.isArray(value['items']) && node.kind === 'map') {
    const itemsNode = node.entries.get('items')?.value;
    if (itemsNode?.kind !== 'seq') return [];
    return value['items'].flatMap((item, index) => {
      const itemNode = itemsNode.items[index];
      return isPlainObject(item) && itemNode ? [{ pointer: formatPointer(['items', index]), value: item, node: itemNode }] : [];
    });
  }
  return [{ pointer: '', value, node }];
}

function keptContainers(kept: readonly Finding[]): Map<string, Set<string>> {
  const keep = new Map<string, Set<string>>();
  for (const f of kept) {
    const names = keep.get(f.ruleId) ?? new Set<string>();
    names.add(f.resource?.container ?? '');
    keep.set(f.ruleId, names);
  }
  return keep;
}

