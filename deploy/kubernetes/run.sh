#!/usr/bin/env bash
# The multi-machine run end to end on the current kubectl context:
#   deploy/kubernetes/run.sh PLAN.json [START_IN_SECONDS]
# loads PLAN into a ConfigMap, creates the parts volume and the mock (drop mock.yaml and
# edit BASE_URL in segments-job.yaml to drive your own server), starts the 4 segment pods
# with one start barrier, waits for them, runs the merge Job and exits with its verdict:
# 0 pass, 99 a threshold failed; a failed segment exits with that pod's loadtwin code (e.g.
# 104, 108), and 1 when a Job times out or fails without one.
# The image `loadtwin:latest` must be pullable by the cluster (docker build -t loadtwin .).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
plan=${1:?usage: run.sh PLAN.json [START_IN_SECONDS]}
start_in=${2:-60}

# Waits until job/$1 is Complete or Failed, at most $2 seconds, and prints which (or
# Timeout). `kubectl wait --for=condition=complete` alone would sit out its whole timeout
# on a Job that failed.
wait_job() {
  local deadline=$((SECONDS + $2)) conditions
  while ((SECONDS < deadline)); do
    # The types of the conditions that hold, e.g. "FailureTarget Failed"; a transient API
    # error is polled again.
    conditions=$(kubectl get "job/$1" \
      -o jsonpath='{.status.conditions[?(@.status=="True")].type}') || conditions=
    case " $conditions " in
      *" Failed "*) echo Failed; return ;;
      *" Complete "*) echo Complete; return ;;
    esac
    sleep 5
  done
  echo Timeout
}

# The loadtwin exit code that failed job/$1, or 1. With podFailurePolicy the Job's Failed
# message names it ("... failed with exit code 104 matching FailJob rule ..."); a Job with
# backoffLimit 0 (the merge) has one failed pod, whose code it is.
failed_code() {
  local message codes code
  message=$(kubectl get "job/$1" -o jsonpath='{.status.conditions[?(@.type=="Failed")].message}') || message=
  code=$(sed -n 's/.*exit code \([0-9][0-9]*\).*/\1/p' <<<"$message")
  if [ -z "$code" ]; then
    codes=$(kubectl get pods -l "job-name=$1" -o jsonpath='{range .items[?(@.status.phase=="Failed")]}{.status.containerStatuses[0].state.terminated.exitCode}{" "}{end}') || codes=
    read -r -a codes <<<"$codes"
    if [ "${#codes[@]}" -eq 1 ]; then code=${codes[0]}; fi
  fi
  case $code in '' | 0 | *[!0-9]*) code=1 ;; esac
  echo "$code"
}

# Says on stderr why job/$1 failed: the Job's reason and each failed pod's last log lines.
explain_failure() {
  local pods name
  kubectl get "job/$1" -o jsonpath='{.status.conditions[?(@.type=="Failed")].reason}: {.status.conditions[?(@.type=="Failed")].message}{"\n"}' >&2 || true
  pods=$(kubectl get pods -l "job-name=$1" -o jsonpath='{range .items[?(@.status.phase=="Failed")]}{.metadata.name}{"\n"}{end}') || pods=
  for name in $pods; do
    echo "--- $name, last lines:" >&2
    kubectl logs "pod/$name" --tail=20 >&2 || true
  done
}

# The start barrier, an RFC 3339 instant every pod waits for. An epoch is formatted with
# -r N by BSD date (macOS) and -d @N by GNU date (Debian), whose -r reads a file's time and
# so fails without output. The run's directory on the parts volume is named by the same
# instant: each run writes and merges its own parts only, so a part left by an earlier (or
# failed) run can never join this run's merge.
at=$(($(date -u +%s) + start_in))
utc() { date -u -r "$at" "+$1" 2>/dev/null || date -u -d "@$at" "+$1"; }
start_at=$(utc %Y-%m-%dT%H:%M:%SZ)
run_id=run-$(utc %Y%m%dT%H%M%SZ)

kubectl delete job loadtwin-segments loadtwin-merge --ignore-not-found
kubectl create configmap loadtwin-plan --from-file=plan.json="$plan" \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl apply -f "$here/parts-pvc.yaml" -f "$here/mock.yaml"
# The mock reads the plan's model at start: restart it so this run's plan is the one served
# (re-applying an unchanged mock.yaml would keep the previous run's pod).
kubectl rollout restart deployment/loadtwin-mock
kubectl rollout status deployment/loadtwin-mock --timeout=120s
sed -e "s/START_AT_PLACEHOLDER/$start_at/" -e "s/RUN_ID_PLACEHOLDER/$run_id/" \
  "$here/segments-job.yaml" | kubectl apply -f -
echo "segments start at $start_at; parts in /parts/$run_id on the loadtwin-parts volume"

state=$(wait_job loadtwin-segments 7200)
echo "segments: $state"
case $state in
  Failed) explain_failure loadtwin-segments
          exit "$(failed_code loadtwin-segments)" ;;
  Timeout) echo "segments still running after 2 h: kubectl describe job/loadtwin-segments" >&2
           exit 1 ;;
esac

sed "s/RUN_ID_PLACEHOLDER/$run_id/" "$here/merge-job.yaml" | kubectl apply -f -
state=$(wait_job loadtwin-merge 600)
echo "merge: $state"
kubectl logs job/loadtwin-merge || true
case $state in
  Complete) exit 0 ;;
  Failed) code=$(failed_code loadtwin-merge)  # 99: a threshold failed; 104: bad parts
          echo "merge exit code: $code" >&2
          exit "$code" ;;
  *) echo "merge still running after 10 min: kubectl describe job/loadtwin-merge" >&2
     exit 1 ;;
esac
