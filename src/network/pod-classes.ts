/**
 * Equivalence classes of pods: two pods of one namespace that every selector of
 * every policy (podSelectors and peers' podSelectors) treats alike, and whose
 * container ports are the same, are indistinguishable to NetworkPolicy semantics.
 * Connectivity is computed once per class and expanded to the members only for
 * output, so 20,000 replicas of a few tiers cost what a few tiers cost.
 *
 * Finding the classes matches each distinct selector against the pods that can
 * satisfy it: a selector with `matchLabels` is only tried on the pods carrying
 * one of its label pairs (an inverted index), so the work stays well under
 * "every policy against every pod".
 */
import { matchesSelector } from './label-selector.js';
import type { LabelSelector, NetworkInput, PodInfo } from './types.js';

export interface PodClasses {
  /** One pod per class, standing for all its members. */
  representatives: PodInfo[];
  /** Members of each class: indices into `input.pods`, in input order. */
  members: number[][];
  /** Class of each pod of `input.pods`. */
  classOf: Int32Array;
}

/**
 * Groups the input's pods.
 *
 * @example
 * const { representatives, members } = podClasses(input);
 */
export function podClasses(input: NetworkInput): PodClasses {
  const pods = input.pods;
  const selectors = distinctSelectors(input);
  const byPair = new Map<string, number[]>();
  pods.forEach((p, i) => {
    for (const k in p.labels) {
      const pair = `${k}\u0000${p.labels[k]}`;
      const list = byPair.get(pair);
      if (list) list.push(i);
      else byPair.set(pair, [i]);
    }
  });
  const all = pods.map((_, i) => i);
  // Selector indices each pod satisfies, in selector order.
  const matched: number[][] = pods.map(() => []);
  selectors.forEach((sel, s) => {
    for (const i of candidates(sel, byPair, all)) if (matchesSelector(sel, pods[i]!.labels)) matched[i]!.push(s);
  });
  const classOf = new Int32Array(pods.length);
  const representatives: PodInfo[] = [];
  const members: number[][] = [];
  const keys = new Map<string, number>();
  pods.forEach((p, i) => {
    const ports = p.ports.map((x) => `${x.name ?? ''}/${x.protocol}/${x.port}`).join(',');
    const key = `${p.namespace}\u0000${matched[i]!.join(',')}\u0000${ports}`;
    let c = keys.get(key);
    if (c === undefined) {
      keys.set(key, (c = representatives.length));
      representatives.push(p);
      members.push([]);
    }
    members[c]!.push(i);
    classOf[i] = c;
  });
  return { representatives, members, classOf };
}

/** Every pod selector the policies use, once each. */
function distinctSelectors(input: NetworkInput): LabelSelector[] {
  const seen = new Map<string, LabelSelector>();
  const add = (s: LabelSelector | undefined): void => {
    if (!s) return;
    const key = JSON.stringify(s);
    if (!seen.has(key)) seen.set(key, s);
  };
  for (const p of input.policies) {
    add(p.podSelector);
    for (const rule of [...p.ingress, ...p.egress]) for (const peer of rule.peers ?? []) add(peer.podSelector);
  }
  return [...seen.values()];
}

/** Pods that can satisfy the selector: those carrying its rarest required label pair, or all. */
function candidates(sel: LabelSelector, byPair: Map<string, number[]>, all: number[]): number[] {
  let best: number[] | undefined;
  for (const k in sel.matchLabels ?? {}) {
    const list = byPair.get(`${k}\u0000${sel.matchLabels![k]}`) ?? [];
    if (!best || list.length < best.length) best = list;
  }
  return best ?? all;
}
