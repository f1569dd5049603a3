{{- define "basic.fullname" -}}
{{ .Release.Name }}-{{ .Chart.Name }}
{{- end -}}
{{- define "basic.loop" -}}{{ include "basic.loop" . }}{{- end -}}
