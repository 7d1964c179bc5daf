/**
 * `metav1.LabelSelector` matching, as `LabelSelectorAsSelector` evaluates it: all
 * `matchLabels` and all `matchExpressions` must hold; an empty selector selects all.
 */
import type { LabelSelector, LabelSelectorRequirement } from './types.js';

/**
 * True when `labels` satisfy `selector`.
 *
 * @example
 * matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }, {}); // true
 */
export function matchesSelector(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  const wanted = selector.matchLabels;
  if (wanted) {
    for (const key in wanted) if (labels[key] !== wanted[key]) return false;
  }
  for (const req of selector.matchExpressions ?? []) if (!matchesRequirement(req, labels)) return false;
  return true;
}

function matchesRequirement(req: LabelSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case 'In':
      return has && (req.values ?? []).includes(labels[req.key]!);
    case 'NotIn':
      // A pod without the key is "not in" any set: Kubernetes selects it.
      return !has || !(req.values ?? []).includes(labels[req.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // The API server rejects unknown operators; an unknown one selects nothing.
      return false;
  }
}

/** True for `{}`: no constraint at all. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/**
 * Short text for a selector, as `kubectl` prints them: `app=web,tier in (a,b),!debug`.
 * `{}` prints as `*`.
 */
export function formatSelector(selector: LabelSelector): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    const values = (r.values ?? []).join(',');
    if (r.operator === 'In') parts.push(`${r.key} in (${values})`);
    else if (r.operator === 'NotIn') parts.push(`${r.key} notin (${values})`);
    else if (r.operator === 'Exists') parts.push(r.key);
    else parts.push(`!${r.key}`);
  }
  return parts.length ? parts.join(',') : '*';
}
