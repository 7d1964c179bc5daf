/**
 * One mount, one port, one location: every rule that judges the same mount or port
 * points at the same span, and a volume declared once and mounted by several
 * containers is reported once, naming them, with each container's mount related.
 * Inputs modelled on real files: a log-shipping DaemonSet with an agent sidecar, a
 * Compose stack whose services share a bind-backed named volume, a Quadlet pod.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import hostNetwork from '../../src/rules/host-network.js';
import portExposed from '../../src/rules/port-exposed-all-interfaces.js';
import privilegedPort from '../../src/rules/privileged-port.js';
import sensitiveHostMount from '../../src/rules/sensitive-host-mount.js';
import tmpfsUnhardened from '../../src/rules/tmpfs-unhardened.js';
import writableHostMount from '../../src/rules/writable-host-mount.js';
import type { RuleDefinition } from '../../src/rules/rule.js';
import { runCase, type Case } from './rule-tester.js';

const RULES: RuleDefinition[] = [sensitiveHostMount, writableHostMount, tmpfsUnhardened, portExposed, privilegedPort, hostNetwork];

function findings(c: Case) {
  return RULES.flatMap((rule) => {
    const { findings, errors } = runCase(rule, c);
    assert.deepEqual(errors, [], 'input should parse cleanly');
    return findings;
  });
}

const at = (f: { location: { file: string; startLine: number; startColumn: number } }) => `${f.location.file}@${f.location.startLine}:${f.location.startColumn}`;

const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
  namespace: logging
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      containers:
        - name: shipper
          image: fluent/fluent-bit:3.1.9
          volumeMounts:
            - name: varlog
              mountPath: /var/log
              readOnly: true
            - name: buffer
              mountPath: /buffer
        - name: exporter
          image: prom/node-exporter:v1.8.2
          securityContext: {runAsUser: 65534}
          ports:
            - containerPort: 100
              hostPort: 9100
          volumeMounts:
            - name: varlog
              mountPath: /host/var/log
            - name: buffer
              mountPath: /buffer
      volumes:
        - name: varlog
          hostPath:
            path: /var/log
        - name: buffer
          emptyDir:
            medium: Memory
`;

test('K8S: a hostPath volume shared by two containers is one finding per rule, at the volume, the containers named and their mounts related', () => {
  const all = findings({ input: 'K8S', code: daemonSet });
  const of = (id: string) => all.filter((f) => f.ruleId === id);
  // /var/log is sensitive only when writable: the exporter mounts it writable.
  assert.deepEqual(of('sensitive-host-mount').map(at), ['manifest.yaml@36:13']);
  assert.deepEqual(of('writable-host-mount').map(at), ['manifest.yaml@36:13']);
  assert.match(of('writable-host-mount')[0]!.message, /^Container "exporter" mounts the host path \/var\/log writable at \/host\/var\/log/);
  assert.deepEqual(of('writable-host-mount')[0]!.related?.map((r) => `${r.location.startLine}:${r.location.startColumn} ${r.message}`), ['29:15 Container "exporter" mounts it writable at /host/var/log']);
  // The memory-backed emptyDir both containers mount: once, at the emptyDir, where sizeLimit goes.
  const tmpfs = of('tmpfs-unhardened');
  assert.deepEqual(tmpfs.map(at), ['manifest.yaml@39:13']);
  assert.match(tmpfs[0]!.message, /^Containers "shipper" and "exporter" mount the memory-backed emptyDir "buffer" at \/buffer without a sizeLimit/);
  assert.deepEqual(tmpfs[0]!.related?.map((r) => r.location.startLine), [20, 31]);
  assert.deepEqual(tmpfs[0]!.resource, { kind: 'DaemonSet', namespace: 'logging', name: 'log-agent' });
  // The host port: both port rules at the hostPort, where the Pod Security check points.
  assert.deepEqual(of('port-exposed-all-interfaces').map(at), ['manifest.yaml@27:25']);
  assert.deepEqual(of('privileged-port').map(at), ['manifest.yaml@27:25']);
});

const compose = `services:
  app:
    image: ghcr.io/example/app:2.3.1
    volumes:
      - hostetc:/host/etc
      - /var/run/docker.sock:/var/run/docker.sock
    ports:
      - "8080:80"
  worker:
    image: ghcr.io/example/worker:2.3.1
    volumes:
      - type: volume
        source: hostetc
        target: /etc/host
volumes:
  hostetc:
    driver: local
    driver_opts:
      type: none
      o: bind
      device: /etc
`;

test('CMP: a bind-backed named volume used by two services is reported once at device:, both services named', () => {
  const all = findings({ input: 'CMP', code: compose });
  const of = (id: string) => all.filter((f) => f.ruleId === id);
  assert.deepEqual(of('sensitive-host-mount').map(at), ['compose.yaml@21:15', 'compose.yaml@6:9']);
  assert.match(of('sensitive-host-mount')[0]!.message, /^Services "app" and "worker" mount the sensitive host path \/etc/);
  assert.deepEqual(of('sensitive-host-mount')[0]!.resource, { kind: 'Service' });
  // Every rule judging the socket mount points at its entry.
  assert.deepEqual(of('writable-host-mount').map(at), ['compose.yaml@21:15', 'compose.yaml@6:9']);
  assert.match(of('writable-host-mount')[0]!.message, /at \/host\/etc and \/etc\/host/);
  assert.deepEqual(of('port-exposed-all-interfaces').map(at), ['compose.yaml@8:9']);
});

test('CMP: o: bind,ro makes the bound volume read-only for every service', () => {
  const all = findings({ input: 'CMP', code: compose.replace('o: bind', 'o: bind,ro').replace(/ {6}- \/var\/run\/docker.sock.*\n/, '') });
  assert.deepEqual(all.filter((f) => f.ruleId === 'writable-host-mount').map(at), []);
  assert.deepEqual(all.filter((f) => f.ruleId === 'sensitive-host-mount').map(at), ['compose.yaml@20:15']);
});

test('QL: a pod\'s Volume=, PublishPort= and Network=host are reported once, at the pod', () => {
  const c: Case = {
    input: 'QL',
    code: '[Unit]\nDescription=App\n\n[Container]\nImage=ghcr.io/example/app:2.3.1\nPod=web.pod\n',
    files: {
      'web.pod': '[Pod]\nPodName=web\nVolume=/etc:/host/etc:ro\nPublishPort=8080:80\n',
      'sidecar.container': '[Container]\nImage=ghcr.io/example/sidecar:2.3.1\nPod=web.pod\n',
    },
  };
  const all = findings(c);
  const of = (id: string) => all.filter((f) => f.ruleId === id);
  assert.deepEqual(of('sensitive-host-mount').map(at), ['web.pod@3:1']);
  assert.match(of('sensitive-host-mount')[0]!.message, /^Containers "systemd-app" and "systemd-sidecar" mount the sensitive host path \/etc/);
  assert.deepEqual(of('port-exposed-all-interfaces').map(at), ['web.pod@4:1']);
  assert.match(of('port-exposed-all-interfaces')[0]!.message, /^Quadlet unit "web" publishes host port 8080/);
  const host = findings({ ...c, files: { ...c.files, 'web.pod': '[Pod]\nPodName=web\nNetwork=host\n' } }).filter((f) => f.ruleId === 'host-network');
  assert.deepEqual(host.map((f) => `${at(f)} ${f.message}`), ['web.pod@3:1 Quadlet unit "web" uses the host\'s network namespace (Network=host): remove it and publish only the ports it serves.']);
});
