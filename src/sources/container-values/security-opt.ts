/**
 * `--security-opt` and Compose `security_opt` in every spelling the tools accept:
 * `no-new-privileges`, `no-new-privileges=true`, `no-new-privileges:true`,
 * `label=disable`, `label:disable`, `label=type:spc_t`, `seccomp=unconfined`,
 * `seccomp=/path/profile.json`, `unmask=ALL`, `systempaths=unconfined`.
 */
import type { ContainerSpec } from '../../model/container-spec.js';
import { located, type Location } from '../../model/location.js';
import { parseBool, toLocated, type TextSpan } from './text-span.js';

/**
 * Applies one security option to the container. `loc` is where a finding about
 * the option as a whole should point (the flag, the list item).
 */
export function applySecurityOpt(container: ContainerSpec, span: TextSpan, loc: Location = span.loc): void {
  const text = span.value;
  const sep = /[=:]/.exec(text);
  const key = sep ? text.slice(0, sep.index) : text;
  const value = sep ? span.sub(sep.index + 1) : undefined;
  switch (key) {
    case 'no-new-privileges': {
      const on = value ? parseBool(value.value) : true;
      if (on !== undefined) container.noNewPrivileges = located(on, loc);
      else if (span.dynamic) container.noNewPrivileges = located(true, loc, true);
      return;
    }
    case 'label': {
      if (!value) return;
      const v = value.value;
      if (v === 'disable') container.seLinux.disabled = located(true, loc);
      const m = /^(type|user|role|level):(.*)$/.exec(v);
      if (m) container.seLinux[m[1] as 'type' | 'user' | 'role' | 'level'] = toLocated(value.sub(m[1]!.length + 1));
      return;
    }
    case 'seccomp': {
      if (!value) return;
      container.seccompProfile = value.value === 'unconfined' ? located('Unconfined', loc, value.dynamic || undefined) : toLocated(value);
      return;
    }
    case 'systempaths': {
      // Docker's `systempaths=unconfined` lifts every mask and read-only path of /proc
      // and /sys, as `unmask=ALL` does (Kubernetes `procMount: Unmasked`).
      if (value?.value === 'unconfined') (container.unmasked ??= []).push(located('ALL', loc));
      return;
    }
    case 'unmask': {
      // `unmask=ALL` or `unmask=/proc/kcore:/sys/firmware`.
      if (!value) return;
      let from = 0;
      const text = value.value;
      for (let i = 0; i <= text.length; i++) {
        if (i < text.length && text[i] !== ':') continue;
        if (i > from) (container.unmasked ??= []).push(toLocated(value.sub(from, i)));
        from = i + 1;
      }
      return;
    }
    default:
      return;
  }
}
