/**
 * capabilities-not-dropped: the runtime's default capability set (CHOWN, SETUID,
 * NET_RAW…) is far more than most programs need; dropping ALL and adding back
 * what is needed keeps a compromise from using them.
 */
import { defineRule } from './rule.js';
import { defaultsTable, engineDefault } from './support/engine-defaults.js';
import { spell } from './support/vocabulary.js';
import { isWindowsPod } from './support/pod-os.js';
import { containerSubject } from './support/subject.js';

export default defineRule({
  id: 'capabilities-not-dropped',
  title: 'Capabilities are not all dropped',
  severity: 'medium',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'Container runtimes grant a default set of capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW…) that an ordinary service never uses but an attacker can; dropping all of them and adding back only the ones needed is least privilege.',
  details: `The default set differs by engine; a run line or Quadlet unit names its engine, and the message lists what that engine grants.\n\n${defaultsTable(['capabilities'])}`,
  remedy: 'Drop ALL capabilities and add back only what the program needs: `capabilities.drop: [ALL]`, `cap_drop: [ALL]`, `--cap-drop=all`, `DropCapability=all`.',
  references: [
    { title: 'CIS Docker Benchmark 5.3: Ensure that Linux kernel capabilities are restricted within containers' },
    { title: 'CIS Kubernetes Benchmark 5.2.9: Minimize the admission of containers with capabilities assigned' },
    { title: 'Pod Security Standards (Restricted): Capabilities', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'OWASP Docker Security Cheat Sheet: Rule #3 - Limit capabilities', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
  ],
  messages: {
    none: '{{subject}} keeps the runtime\'s default capabilities: set {{fix}}.',
    engineDefault: '{{subject}} keeps {{engine}}\'s default capabilities ({{capabilities}}): set {{fix}}.',
    partial: '{{subject}} drops some capabilities but not ALL: set {{fix}}.',
  },
  fix: {
    automatic: true,
    effect: "Adds ALL to the dropped capabilities, keeping what is already dropped and added: `capabilities.drop: [ALL]` (K8S), `cap_drop: [ALL]` (CMP), `--cap-drop=all` (RUN), `DropCapability=all` (QL).",
    risk: "a program that needs a capability (binding a port below 1024, changing file ownership, raw sockets) fails until that one is added back with `capabilities.add`/`cap_add`/`--cap-add`/`AddCapability=`.",
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      // Windows pods may not set Linux security fields: the API rejects them.
      if (isWindowsPod(c.workload)) continue;
      if (c.capDrop.some((d) => d.dynamic || d.value.toUpperCase().replace(/^CAP_/, '') === 'ALL')) continue;
      const data = { subject: containerSubject(c), fix: spell('dropAll', c.input) };
      const first = c.capDrop[0];
      const engine = c.workload.engine ?? (c.input === 'QL' ? 'podman' : undefined);
      if (first) ctx.report({ messageId: 'partial', data, loc: first.loc, target: c });
      // The engine is known: name what it really grants (engine-defaults.ts).
      else if (engine) {
        const kept = engineDefault('capabilities', engine).join(', ');
        ctx.report({ messageId: 'engineDefault', data: { ...data, engine: engine === 'docker' ? 'Docker' : 'Podman', capabilities: kept }, loc: c.loc, target: c });
      } else ctx.report({ messageId: 'none', data, loc: c.loc, target: c });
    }
  },
});
