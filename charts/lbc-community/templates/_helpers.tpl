{{/*
Helpers shared by the templates. This chart is rendered in CI by tests/deploy/render, which implements the part of
helm used here (include, required, fail, toYaml, sprig): keep to it (no tpl, lookup, .Capabilities or .Files).
*/}}

{{/* The chart's name, or nameOverride. */}}
{{- define "lbc.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The objects' name: fullnameOverride, or the release name with the chart's name unless it contains it already. */}}
{{- define "lbc.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The helm.sh/chart label: name and version. */}}
{{- define "lbc.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The labels every object carries. */}}
{{- define "lbc.labels" -}}
helm.sh/chart: {{ include "lbc.chart" . }}
{{ include "lbc.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The labels that select the chart's pods: never change them in an upgrade (a Deployment's selector is fixed). */}}
{{- define "lbc.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lbc.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The service account the pods run as. */}}
{{- define "lbc.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "lbc.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret holding the connection string (the existing one, or the one the Key Vault driver syncs). */}}
{{- define "lbc.secretName" -}}
{{- if eq .Values.secrets.source "existingSecret" }}
{{- required "secrets.existingSecret.name is required when secrets.source is existingSecret" .Values.secrets.existingSecret.name }}
{{- else }}
{{- printf "%s-keyvault" (include "lbc.fullname" .) }}
{{- end }}
{{- end }}

{{/* "true" when the mode keeps its state in a shared store (several replicas possible), "" for the embedded mode. */}}
{{- define "lbc.shared" -}}
{{- if ne .Values.storage.mode "Embedded" }}true{{ end }}
{{- end }}

{{/*
Refuses values the host would refuse at start, so that helm install fails instead of a crash loop.
*/}}
{{- define "lbc.validate" -}}
{{- if not (has .Values.storage.mode (list "Embedded" "Cluster" "Azure")) }}
{{- fail (printf "storage.mode is %q: Embedded, Cluster or Azure" .Values.storage.mode) }}
{{- end }}
{{- if not (include "lbc.shared" .) }}
{{- if gt (int .Values.replicaCount) 1 }}
{{- fail "storage.mode Embedded keeps its state in one SQLite file: replicaCount must be 1 (use Cluster or Azure for more)" }}
{{- end }}
{{- if .Values.orleans.kubernetesHosting }}
{{- fail "orleans.kubernetesHosting needs a shared store: the host refuses it with storage.mode Embedded" }}
{{- end }}
{{- else }}
{{- if eq .Values.secrets.source "none" }}
{{- fail "storage.mode Cluster or Azure needs secrets (the PostgreSQL connection string and the token keys): set secrets.source" }}
{{- end }}
{{- $_ := required "identity.issuer (the public https address) is required with a shared store" .Values.identity.issuer }}
{{- end }}
{{- if not (has .Values.secrets.source (list "none" "existingSecret" "keyVault")) }}
{{- fail (printf "secrets.source is %q: none, existingSecret or keyVault" .Values.secrets.source) }}
{{- end }}
{{- if ge (add .Values.shutdown.preStopSleepSeconds .Values.shutdown.timeoutSeconds | int) (int .Values.shutdown.terminationGracePeriodSeconds) }}
{{- fail "shutdown.preStopSleepSeconds + shutdown.timeoutSeconds must be shorter than shutdown.terminationGracePeriodSeconds, or Kubernetes kills the silo mid hand-over" }}
{{- end }}
{{- end }}
