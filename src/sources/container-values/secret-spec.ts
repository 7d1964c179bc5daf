/**
 * `--secret name[,type=env|mount][,target=…]` and Quadlet `Secret=`: a secret from
 * podman's store, handed over as a file (the safe way) or as an environment variable.
 */
import type { ContainerSpec } from '../../model/container-spec.js';
import type { Location } from '../../model/location.js';
import { splitSpan, toLocated, type TextSpan } from './text-span.js';

/**
 * Adds a secret to the container: `type=env` to `envFromSecrets`, otherwise a
 * secret mount (default target `/run/secrets/<name>`).
 */
export function applySecretSpec(container: ContainerSpec, span: TextSpan, loc: Location = span.loc): void {
  const parts = splitSpan(span, ',');
  // podman's parseSecrets: a first item without `=` is the secret's name; a
  // `source=` option names it too (`--secret source=db,type=env,target=DB`).
  let name = parts[0] && !parts[0].value.includes('=') ? parts.shift() : undefined;
  const opts = parts;
  let type = 'mount';
  let target: TextSpan | undefined;
  for (const opt of opts) {
    const eq = opt.value.indexOf('=');
    const key = opt.value.slice(0, eq);
    if (key === 'type') type = opt.value.slice(eq + 1);
    if (key === 'target') target = opt.sub(eq + 1);
    if (key === 'source') name = opt.sub(eq + 1);
  }
  if (!name || name.value === '') return;
  if (type === 'env') {
    container.envFromSecrets.push(toLocated(name));
    return;
  }
  container.mounts.push({
    kind: 'secret',
    loc,
    source: toLocated(name),
    target: target ? toLocated(target) : { value: `/run/secrets/${name.value}`, loc: name.loc },
    options: opts.filter((o) => !o.value.startsWith('source=')).map((o) => toLocated(o)),
  });
}
