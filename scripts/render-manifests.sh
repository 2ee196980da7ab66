#!/usr/bin/env bash
# Renders every kustomization under deploy/kubernetes (the base and each overlay) with kubectl's
# kustomize into OUT_DIR/<dir>.yaml, <dir> being its path with '/' as '-' (base.yaml,
# overlays-api-source.yaml, ...). DeploymentManifestTest runs this and checks the rendered objects;
# .ci/run runs it first, so that a kustomization kustomize refuses fails before the long build.
#   scripts/render-manifests.sh [OUT_DIR]      (default target/rendered-manifests)
# Needs kubectl (KUBECTL=/path/to/kubectl to choose one): the manifests are written for kustomize
# v2.0.3 (Debian's kubernetes-client 1.20, `apt-get install kubernetes-client`) up to v5.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/rendered-manifests}
kubectl=${KUBECTL:-kubectl}
if ! command -v "$kubectl" >/dev/null; then
  echo "render-manifests: no kubectl ('$kubectl'): install one (Debian: apt-get install kubernetes-client)" \
    "or set KUBECTL=/path/to/kubectl" >&2
  exit 3
fi
# kustomize v5 warns that `bases:` and `patchesStrategicMerge:` are deprecated; they are kept on
# purpose, because kustomize v2 knows no other way (base/kustomization.yaml). Anything else it says is shown.
deprecated="^# Warning: '(bases|patchesStrategicMerge)' is deprecated\. "

mkdir -p "$out"
rm -f "$out"/*.yaml
count=0
while IFS= read -r kustomization; do
  dir=$(dirname "$kustomization")
  name=${dir#deploy/kubernetes/}
  target="$out/${name//\//-}.yaml"
  errors=$(mktemp)
  if ! "$kubectl" kustomize "$dir" >"$target" 2>"$errors"; then
    echo "render-manifests: kubectl kustomize $dir failed:" >&2
    cat "$errors" >&2
    rm -f "$errors"
    exit 1
  fi
  grep -vE "$deprecated" "$errors" >&2 || true
  rm -f "$errors"
  echo "rendered $dir -> $target ($(grep -c '^kind:' "$target") objects)"
  count=$((count + 1))
done < <(find deploy/kubernetes -name kustomization.yaml | sort)
[[ $count -gt 0 ]] || { echo "render-manifests: no kustomization.yaml under deploy/kubernetes" >&2; exit 1; }
echo "render-manifests: $count kustomizations rendered with $("$kubectl" version --client 2>/dev/null | tr '\n' ' ')"
