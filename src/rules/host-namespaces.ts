/**
 * host-namespaces: sharing the host's PID, IPC or UTS namespace removes the
 * isolation that keeps a container from seeing, signalling or tracing host
 * processes, reading shared memory or renaming the host.
 */
import type { Located } from '../model/location.js';
import { defineRule } from './rule.js';
import { workloadSubject } from './support/subject.js';
import { spell, type Setting } from './support/vocabulary.js';

const NAMESPACES = [
  ['hostPID', 'PID'],
  ['hostIPC', 'IPC'],
  ['hostUTS', 'UTS'],
] as const;

export default defineRule({
  id: 'host-namespaces',
  title: 'Container shares a host namespace',
  severity: 'high',
  inputs: ['K8S', 'CMP', 'RUN', 'QL'],
  rationale:
    'In the host PID namespace a container sees every host process and, with ptrace or as root, can read their memory and environment; the host IPC namespace exposes shared memory of host processes; the host UTS namespace lets it change the host name.',
  remedy: 'Remove the host namespace setting (`hostPID`, `hostIPC`, `--pid=host`, `--ipc=host`, `--uts=host`, `pid: host`, `ipc: host`); use a sidecar or a shared pod namespace instead.',
  references: [
    { title: 'CIS Docker Benchmark 5.16/5.17/5.21: Ensure that the host\'s process, IPC and UTS namespaces are not shared' },
    { title: 'CIS Kubernetes Benchmark 5.2.3/5.2.4: Minimize the admission of containers wishing to share the host process ID or IPC namespace' },
    { title: 'Pod Security Standards (Baseline): Host Namespaces', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'NSA/CISA Kubernetes Hardening Guide: Pod security' },
  ],
  messages: {
    shared: '{{subject}} shares the host\'s {{namespace}} namespace ({{setting}}): remove it.',
  },
  check(ctx) {
    for (const w of ctx.workloads()) {
      for (const [key, namespace] of NAMESPACES) {
        const v: Located<boolean> | undefined = w[key];
        if (!v || v.dynamic || v.value !== true) continue;
        const setting: Setting = key;
        ctx.report({ messageId: 'shared', data: { subject: workloadSubject(w), namespace, setting: spell(setting, w.input) }, loc: v.loc, target: w });
      }
    }
  },
});
