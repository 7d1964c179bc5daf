/**
 * Helm templates named on the command line: an error that says it is a Helm
 * template, at the line really wrong. Inputs modelled on real charts (the
 * `helm create` scaffold, ingress-nginx's and Argo CD's templates).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartOfTemplate, readHelmTemplate } from '../../../src/sources/kubernetes/helm-template.js';
import { kubernetesSource } from '../../../src/sources/kubernetes/kubernetes-source.js';
import { scanText } from '../../support/scan-source.js';

// The `helm create` scaffold's deployment, trimmed: valid once rendered.
const scaffold = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          {{- if .Values.service.enabled }}
          ports:
            - name: http
              containerPort: {{ .Values.service.port }}
          {{- else }}
          ports: []
          {{- end }}
`;

test('a valid template: the error says Helm template and points at its first action', () => {
  const t = readHelmTemplate(scaffold);
  assert.deepEqual(t, { firstAction: 4 });
});

test('a YAML mistake around the actions is reported at its own line, not at 1:1', () => {
  // A Service template with one line misindented (line 11), as a user would type it.
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "web.fullname" . }}\nspec:\n  type: {{ .Values.service.type }}\n  ports:\n    - port: {{ .Values.service.port }}\n      targetPort: http\n      protocol: TCP\n     name: http\n  selector:\n    {{- include "web.selectorLabels" . | nindent 4 }}\n';
  const t = readHelmTemplate(text);
  assert.equal(t?.firstAction, 4);
  assert.equal(t?.problem?.line, 11);
  assert.match(t!.problem!.message, /does not parse/);
});

test('Go template structure: an unclosed action, a block without end, an end too many', () => {
  assert.deepEqual(readHelmTemplate('a: 1\nb: {{ .Values.b\nc: 3\n')?.problem?.line, 2);
  const noEnd = 'data:\n  {{- if .Values.a }}\n  a: "1"\n  {{- range .Values.list }}\n  - {{ . }}\n  {{- end }}\n';
  assert.deepEqual(readHelmTemplate(noEnd)?.problem, { line: 2, message: 'this `{{ if }}` is never closed with `{{ end }}`' });
  const extraEnd = 'data:\n  {{- if .Values.a }}\n  a: "1"\n  {{- end }}\n  {{- end }}\n';
  assert.equal(readHelmTemplate(extraEnd)?.problem?.line, 5);
});

test('two branches setting the same key, and a define block, are not mistakes', () => {
  const branches = 'spec:\n  {{- if .Values.nodePort }}\n  type: NodePort\n  {{- else }}\n  type: ClusterIP\n  {{- end }}\n  ports: []\n';
  assert.deepEqual(readHelmTemplate(branches), { firstAction: 2 });
  const helpers = '{{- define "web.labels" -}}\napp: web\n  bad: indentation\n{{- end }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n';
  assert.deepEqual(readHelmTemplate(helpers), { firstAction: 1 });
});

test('text without template actions is no Helm template (Prometheus rules keep their {{ $labels }} only in strings)', () => {
  assert.equal(readHelmTemplate('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n'), undefined);
});

test('a chart template named on the command line is a Helm template error even where it parses; outside a chart it is read', async () => {
  const d = await mkdtemp(join(tmpdir(), 'seaworthy-helm-named-'));
  try {
    await mkdir(join(d, 'web', 'templates', 'sub'), { recursive: true });
    await writeFile(join(d, 'web', 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    // Parses as YAML (the action sits inside a quoted string), but its image is not what the cluster gets.
    const quoted = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: c\n      image: "{{ .Values.image }}"\n      securityContext:\n        privileged: true\n';
    const inChart = join(d, 'web', 'templates', 'sub', 'pod.yaml');
    assert.equal(chartOfTemplate(inChart), join(d, 'web'));
    const named = scanText(kubernetesSource, inChart, quoted);
    assert.deepEqual(named.errors.map((e) => [e.code, e.line]), [['helm-template', 8]]);
    assert.match(named.errors[0]!.message, new RegExp(`helm template ${join(d, 'web')} \\| seaworthy scan -`));
    assert.equal(named.model.workloads.length, 0);
    // The same text outside a chart is a manifest like any other.
    const loose = scanText(kubernetesSource, join(d, 'pod.yaml'), quoted);
    assert.deepEqual(loose.errors, []);
    assert.equal(loose.model.workloads.length, 1);
  } finally {
    await rm(d, { recursive: true, force: true });
  }
});
