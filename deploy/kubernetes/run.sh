#!/usr/bin/env bash
# The multi-machine run end to end on the current kubectl context:
#   deploy/kubernetes/run.sh PLAN.json [START_IN_SECONDS]
# loads PLAN into a ConfigMap, creates the parts volume and the mock (drop mock.yaml and
# edit BASE_URL in segments-job.yaml to drive your own server), starts the 4 segment pods
# with one start barrier, waits for them, runs the merge Job and exits with its verdict.
# The image `loadtwin:latest` must be pullable by the cluster (docker build -t loadtwin .).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
plan=${1:?usage: run.sh PLAN.json [START_IN_SECONDS]}
start_in=${2:-60}
kubectl delete job loadtwin-segments loadtwin-merge --ignore-not-found
kubectl create configmap loadtwin-plan --from-file=plan.json="$plan" \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl apply -f "$here/parts-pvc.yaml" -f "$here/mock.yaml"
kubectl rollout status deployment/loadtwin-mock --timeout=120s
start_at=$(date -u -d "+${start_in} seconds" +%Y-%m-%dT%H:%M:%SZ)
sed "s/START_AT_PLACEHOLDER/$start_at/" "$here/segments-job.yaml" | kubectl apply -f -
echo "segments start at $start_at"
kubectl wait --for=condition=complete job/loadtwin-segments --timeout=2h
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete job/loadtwin-merge --timeout=10m || true
kubectl logs job/loadtwin-merge
code=$(kubectl get pod -l job-name=loadtwin-merge \
  -o jsonpath='{.items[0].status.containerStatuses[0].state.terminated.exitCode}')
exit "${code:-1}"
