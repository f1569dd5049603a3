#!/usr/bin/env bash
# Builds the real Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
# kubectl), kwok, and the oracle CLIs (kustomize, helm, kubeseal) from the Go module proxy, by module name.
# Each component is cached outside the repository under $FJORD_CACHE/bin/<name>-<version>/ and built only when
# missing. Prints the cache directory of each component on stdout's last lines as NAME=DIR.
#
# Usage: tools/test-cluster/build-binaries.sh [component...]   (default: all)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"

cache=${FJORD_CACHE:-$HOME/.cache/fjord}
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-trimpath -buildvcs=false"
start=$(date +%s)

log() { printf '[test-cluster build %4ss] %s\n' "$(( $(date +%s) - start ))" "$*" >&2; }

# Runs `go build -v` and turns its per-package lines into a progress line every 25 packages.
go_build_with_progress() {
  local label=$1; shift
  local n=0
  go build -v "$@" 2>&1 | while IFS= read -r line; do
    case "$line" in
      *": "*|*" "*) echo "$line" >&2 ;;   # diagnostics; package paths have no spaces
      *) n=$((n + 1)); if (( n % 25 == 0 )); then log "$label: $n packages compiled"; fi ;;
    esac
  done
  return "${PIPESTATUS[0]}"
}

# Builds one component into $cache/bin/<dir> unless its completion marker is there.
# $1 = directory name, $2 = function that builds into $out.
build_component() {
  local dir=$1 fn=$2 lock
  local out="$cache/bin/$dir"
  mkdir -p "$cache/bin"
  # One build of a component at a time: a second run (another test, another terminal) waits for the first and then
  # finds its result, instead of both writing into the same .tmp directory.
  exec {lock}>"$cache/bin/$dir.lock"
  flock "$lock"
  if [[ -f "$out/.complete" ]]; then
    log "$dir: cached in $out"
    exec {lock}>&-
    return 0
  fi
  log "$dir: building (first time only; this can take a while)"
  rm -rf "$out.tmp"; mkdir -p "$out.tmp"
  out="$out.tmp" "$fn"
  date -u +%FT%TZ > "$out.tmp/.complete"
  rm -rf "$out"; mv "$out.tmp" "$out"
  exec {lock}>&-
  log "$dir: done"
}

# A throwaway wrapper module so that packages whose own go.mod carries replace directives can be built.
wrapper() {
  local name=$1
  local dir="$cache/src/$name"
  mkdir -p "$dir"
  echo "$dir"
}

build_etcd() {
  local w; w=$(wrapper "etcd-$ETCD_VERSION")
  cat > "$w/go.mod" <<MOD
module fjord.local/etcdbin

go 1.26.0

require go.etcd.io/etcd/server/v3 $ETCD_VERSION

tool go.etcd.io/etcd/server/v3
MOD
  (cd "$w" && go mod tidy >&2 && go_build_with_progress etcd -ldflags="-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3)
}

k8s_staging_modules=(api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider
  cluster-bootstrap code-generator component-base component-helpers controller-manager cri-api cri-client
  cri-streaming csi-translation-lib dynamic-resource-allocation endpointslice externaljwt kms kube-aggregator
  kube-controller-manager kube-proxy kube-scheduler kubectl kubelet metrics mount-utils pod-security-admission
  sample-apiserver sample-cli-plugin sample-controller streaming)

build_k8s() {
  local w; w=$(wrapper "k8s-$K8S_VERSION")
  local staging=${K8S_VERSION/v1./v0.}
  local minor; minor=$(cut -d. -f2 <<<"$K8S_VERSION")
  {
    printf 'module fjord.local/k8sbins\n\ngo 1.26.0\n\nrequire k8s.io/kubernetes %s\n\n' "$K8S_VERSION"
    printf 'tool (\n'
    for c in kube-apiserver kube-controller-manager kube-scheduler kubectl; do printf '\tk8s.io/kubernetes/cmd/%s\n' "$c"; done
    printf ')\n\n// k8s.io/kubernetes points its staging modules at relative paths; pin the matching tags instead.\nreplace (\n'
    for m in "${k8s_staging_modules[@]}"; do printf '\tk8s.io/%s => k8s.io/%s %s\n' "$m" "$m" "$staging"; done
    printf ')\n'
  } > "$w/go.mod"
  local ldf="-s -w"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldf="$ldf -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
    ldf="$ldf -X $p.buildDate=2026-01-01T00:00:00Z"
  done
  log "k8s: resolving modules (go mod tidy)"
  (cd "$w" && go mod tidy >&2 && go_build_with_progress k8s -p 2 -tags=notest,grpcnotrace -ldflags="$ldf" -o "$out/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl)
}

build_kwok() {
  GOBIN="$out" go install -ldflags="-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" >&2
  # kwok exits without Stage objects; keep upstream's "fast" set (what kwokctl uses) as one file beside it.
  local mod; mod=$(go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
  local f
  for f in "$mod"/kustomize/stage/node/fast/*.yaml "$mod"/kustomize/stage/node/heartbeat-with-lease/*.yaml \
    "$mod"/kustomize/stage/pod/fast/*.yaml; do
    [[ "$(basename "$f")" == kustomization.yaml ]] && continue
    printf -- '---\n'; cat "$f"
  done > "$out/stages-fast.yaml"
}

build_kustomize() {
  GOBIN="$out" go install -ldflags="-s -w" "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" >&2
}

build_helm() {
  GOBIN="$out" go install -ldflags="-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION" \
    "helm.sh/helm/v4/cmd/helm@$HELM_VERSION" >&2
}

build_kubeseal() {
  GOBIN="$out" go install -ldflags="-s -w -X main.VERSION=$KUBESEAL_VERSION" \
    "github.com/bitnami-labs/sealed-secrets/cmd/kubeseal@$KUBESEAL_VERSION" >&2
}

declare -A dirs=(
  [etcd]="etcd-$ETCD_VERSION" [kwok]="kwok-$KWOK_VERSION" [k8s]="k8s-$K8S_VERSION"
  [kustomize]="kustomize-$KUSTOMIZE_VERSION" [helm]="helm-$HELM_VERSION" [kubeseal]="kubeseal-$KUBESEAL_VERSION"
)
components=("$@")
(( ${#components[@]} )) || components=(etcd kwok k8s kustomize helm kubeseal)
for c in "${components[@]}"; do
  [[ -n "${dirs[$c]:-}" ]] || { echo "unknown component '$c' (known: ${!dirs[*]})" >&2; exit 2; }
  build_component "${dirs[$c]}" "build_$c"
done
for c in "${components[@]}"; do echo "$c=$cache/bin/${dirs[$c]}"; done
