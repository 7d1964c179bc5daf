/**
 * How a Compose file is recognised, apart from its parser (compose-source.ts), so
 * that detection loads no YAML reader (see source-kinds.ts).
 */
import type { SourceKind } from '../source.js';

const NAME = /(?:^|[/\\])(?:docker-)?compose(\.override)?\.ya?ml$/;
/** Keys only a Compose service has (a Kubernetes manifest has `kind:` and no `services:`). */
const SERVICE_KEYS = /^\s+(?:image|build|ports|volumes|environment|command|depends_on|networks|restart|container_name|cap_add|security_opt|deploy):/m;

export const composeKind: SourceKind = {
  id: 'compose',
  input: 'CMP',
  matchesName: (path) => NAME.test(path),
  mayContain: (path) => /\.ya?ml$/i.test(path),
  matchesContent: (text) => /^services:[ \t]*(?:#.*)?$/m.test(text) && SERVICE_KEYS.test(text) && !/^kind:/m.test(text),
};
