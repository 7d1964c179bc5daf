{{- define "seaworthy.name" -}}{{ .Release.Name }}{{- end -}}
{{- define "seaworthy.selector" -}}
app.kubernetes.io/name: {{ include "seaworthy.name" . }}
{{- end -}}
{{- define "seaworthy.exempt" -}}
{{- $list := concat .Values.webhooks.exemptNamespaces (list .Release.Namespace) | uniq -}}
[{{ join ", " $list }}]
{{- end -}}
{{- define "seaworthy.clientConfig" -}}
clientConfig:
  service:
    name: {{ include "seaworthy.name" .root }}
    namespace: {{ .root.Release.Namespace }}
    path: {{ .path }}
    port: 443
  {{- if and .root.Values.tls.caBundle (not .root.Values.tls.certManager.enabled) }}
  caBundle: {{ .root.Values.tls.caBundle }}
  {{- end }}
{{- end -}}
