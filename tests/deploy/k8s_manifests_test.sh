#!/usr/bin/env bash
# Validates deploy/kubernetes/: every manifest parses as YAML and has what the Kubernetes
# schema requires of its kind (Job: batch/v1, a pod template with named containers and an
# image, restartPolicy Never or OnFailure, podFailurePolicy only with Never; Indexed mode
# with completions); the segment count agrees between completions, parallelism and
# --segment $JOB_COMPLETION_INDEX/N; every volumeMount has its volume and every claim its
# PVC; and every loadtwin flag the pods pass is one `loadtwin live|merge --help` lists.
# Usage: k8s_manifests_test.sh LOADTWIN_BIN DEPLOY_DIR. Exit 77 (skipped) without PyYAML.
set -euo pipefail
bin=$1
dir=$2
python3 -c 'import yaml' 2>/dev/null || { echo "skipped: python3 with PyYAML not found"; exit 77; }
live_help=$("$bin" live --help)
merge_help=$("$bin" merge --help)
export LIVE_HELP=$live_help MERGE_HELP=$merge_help
python3 - "$dir" <<'PY'
import glob, os, re, sys, yaml

problems = []
def need(cond, where, what):
    if not cond:
        problems.append(f"{where}: {what}")

docs = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.yaml"))):
    for doc in yaml.safe_load_all(open(path)):
        if doc is not None:
            docs.append((os.path.basename(path), doc))
need(docs, sys.argv[1], "no manifests")

claims = {d["metadata"]["name"] for _, d in docs if d.get("kind") == "PersistentVolumeClaim"}
for name, d in docs:
    where = f'{name} {d.get("kind")}/{d.get("metadata", {}).get("name")}'
    for field in ("apiVersion", "kind", "metadata"):
        need(field in d, where, f"missing {field}")
    need(d.get("metadata", {}).get("name"), where, "missing metadata.name")
    if d.get("kind") == "PersistentVolumeClaim":
        spec = d.get("spec", {})
        need(spec.get("accessModes"), where, "a PVC needs spec.accessModes")
        need(spec.get("resources", {}).get("requests", {}).get("storage"), where,
             "a PVC needs spec.resources.requests.storage")

def check_pod(where, pod, job):
    containers = pod.get("containers") or []
    need(containers, where, "spec.template.spec.containers is required")
    volumes = {v.get("name"): v for v in pod.get("volumes", [])}
    for v in volumes.values():
        claim = v.get("persistentVolumeClaim", {}).get("claimName")
        need(claim is None or claim in claims, where, f"claim {claim} has no PVC manifest")
    if job:
        need(pod.get("restartPolicy") in ("Never", "OnFailure"), where,
             "a Job's pods need restartPolicy Never or OnFailure")
    for c in containers:
        need(c.get("name"), where, "every container needs a name")
        need(c.get("image"), where, f'container {c.get("name")} needs an image')
        for m in c.get("volumeMounts", []):
            need(m.get("name") in volumes, where, f'volumeMount {m.get("name")} has no volume')
            need(m.get("mountPath"), where, "every volumeMount needs a mountPath")
    return containers

def command_of(c):
    return " ".join(c.get("command", []) + c.get("args", []))

def check_flags(where, text, help_text, command):
    if f"loadtwin {command}" not in text:
        return
    for flag in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", text):
        need(flag in help_text, where, f"loadtwin {command} has no flag {flag}")

for name, d in docs:
    where = f'{name} {d.get("kind")}/{d.get("metadata", {}).get("name")}'
    spec = d.get("spec", {})
    if d.get("kind") in ("Deployment",):
        check_pod(where, spec.get("template", {}).get("spec", {}), job=False)
    if d.get("kind") != "Job":
        continue
    need(d.get("apiVersion") == "batch/v1", where, "a Job is batch/v1")
    pod = spec.get("template", {}).get("spec", {})
    need("template" in spec, where, "spec.template is required")
    containers = check_pod(where, pod, job=True)
    if "podFailurePolicy" in spec:
        need(pod.get("restartPolicy") == "Never", where,
             "podFailurePolicy needs restartPolicy Never")
    for c in containers:
        text = command_of(c)
        check_flags(where, text, os.environ["LIVE_HELP"], "live")
        check_flags(where, text, os.environ["MERGE_HELP"], "merge")
    if spec.get("completionMode") == "Indexed":
        n = spec.get("completions")
        need(isinstance(n, int) and n > 0, where, "Indexed mode needs completions")
        need(spec.get("parallelism") == n, where, "parallelism should equal completions: "
             "every segment must run at once")
        text = " ".join(command_of(c) for c in containers)
        m = re.search(r"--segment\s+\"?\$\(?JOB_COMPLETION_INDEX\)?/(\d+)", text)
        need(m and int(m.group(1)) == n, where,
             f"--segment $JOB_COMPLETION_INDEX/N must use N = completions = {n}")
        need("--start-at" in text, where, "every segment needs the --start-at barrier")
        need("--out" in text and "part=" in text, where, "every segment writes --out part=")

kinds = [d.get("kind") for _, d in docs]
need(kinds.count("Job") >= 2, "deploy/kubernetes", "a segments Job and a merge Job")
need(any("loadtwin merge" in command_of(c) for _, d in docs if d.get("kind") == "Job"
         for c in d["spec"]["template"]["spec"].get("containers", [])),
     "deploy/kubernetes", "no Job runs loadtwin merge")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"{len(docs)} manifests valid")
PY
