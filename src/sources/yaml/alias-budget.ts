/**
 * The per-file budget for YAML alias and merge-key expansion. js-yaml builds an
 * alias as a shared reference, so parsing a "billion laughs" document is cheap;
 * every consumer that walks the values (Compose interpolation and merging, position
 * trees, rules, reports) then expands it, and 600 bytes become 10⁹ nodes. So the
 * size the document would have with every alias (and `<<` merge, which is written
 * as an alias) expanded is counted on the event stream, in one linear pass, before
 * anything walks it; a document over budget is an error located at the alias that
 * crossed it, and no consumer ever sees it.
 */
import type { Event } from 'js-yaml';
import type { SourceFile } from '../source-file.js';

export interface AliasBudget {
  /** Nodes that alias expansion may add to a file, beyond the nodes written. */
  maxAliasNodes: number;
  /** Scalar characters that alias expansion may add to a file. */
  maxAliasChars: number;
}

/**
 * Generous for real files (anchors shared by a few dozen services or jobs add a few
 * thousand nodes) and small enough that the expanded tree stays well inside the
 * memory of a CI runner.
 */
export const DEFAULT_ALIAS_BUDGET: AliasBudget = { maxAliasNodes: 100_000, maxAliasChars: 10 * 1024 * 1024 };

/** Expansion over budget, with the offset of the alias that crossed it. */
export class AliasBudgetError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'AliasBudgetError';
  }
}

const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const ALIAS = 5;
const POP = 6;

interface Frame {
  anchor: string | undefined;
  nodes: number;
  chars: number;
}

/**
 * Throws `AliasBudgetError` when expanding every alias of `events` would add more
 * than the budget allows. Linear in the number of events: each anchored node's
 * expanded size is recorded once, when it closes.
 *
 * @example
 * checkAliasBudget(parseEvents(text, {}), src); // throws for a billion-laughs document
 */
export function checkAliasBudget(events: readonly Event[], src: SourceFile, budget: AliasBudget = DEFAULT_ALIAS_BUDGET): void {
  const text = src.text;
  const sizes = new Map<string, { nodes: number; chars: number }>();
  const stack: Frame[] = [{ anchor: undefined, nodes: 0, chars: 0 }];
  let addedNodes = 0;
  let addedChars = 0;
  const name = (e: { anchorStart: number; anchorEnd: number }): string | undefined => (e.anchorStart >= 0 ? text.slice(e.anchorStart, e.anchorEnd) : undefined);
  for (const e of events) {
    const top = stack[stack.length - 1]!;
    switch (e.type) {
      case SEQUENCE:
      case MAPPING:
        stack.push({ anchor: name(e), nodes: 1, chars: 0 });
        break;
      case SCALAR: {
        const chars = e.valueStart >= 0 ? e.valueEnd - e.valueStart : 0;
        top.nodes += 1;
        top.chars += chars;
        const anchor = name(e);
        if (anchor !== undefined) sizes.set(anchor, { nodes: 1, chars });
        break;
      }
      case ALIAS: {
        // An alias to an anchor still open (recursive) or unknown is an error js-yaml reports.
        const size = sizes.get(text.slice(e.anchorStart, e.anchorEnd)) ?? { nodes: 1, chars: 0 };
        top.nodes += size.nodes;
        top.chars += size.chars;
        addedNodes += size.nodes;
        addedChars += size.chars;
        if (addedNodes > budget.maxAliasNodes) {
          throw new AliasBudgetError(`YAML aliases and merge keys expand to more than ${budget.maxAliasNodes} extra nodes (limit per file); not read`, e.anchorStart - 1);
        }
        if (addedChars > budget.maxAliasChars) {
          throw new AliasBudgetError(`YAML aliases and merge keys expand to more than ${budget.maxAliasChars} extra characters (limit per file); not read`, e.anchorStart - 1);
        }
        break;
      }
      case POP: {
        if (stack.length === 1) break; // a document's end
        const done = stack.pop()!;
        if (done.anchor !== undefined) sizes.set(done.anchor, { nodes: done.nodes, chars: done.chars });
        const parent = stack[stack.length - 1]!;
        parent.nodes += done.nodes;
        parent.chars += done.chars;
        break;
      }
      default:
        break;
    }
  }
}
