#!/usr/bin/env bash
# Validates deploy/kubernetes/: every manifest parses as YAML and has what the Kubernetes
# schema requires of its kind (Job: batch/v1, a pod template with named containers and an
# image, restartPolicy Never or OnFailure, podFailurePolicy only with Never and with valid
# rules; Indexed mode with completions); the segment count agrees between completions,
# parallelism and --segment $JOB_COMPLETION_INDEX/N; every volumeMount has its volume and
# every claim its PVC; every loadtwin flag the pods pass is one `loadtwin live|merge --help`
# lists; a Job that retries fails at once on every loadtwin exit code (a rerun is the same
# run again, spending again) and retries only pod disruptions; run.sh fills every
# *_PLACEHOLDER.
# Then it runs the pods' own commands (their /bin/sh -c scripts, with the manifests' env and
# the volumes as temporary directories) with the binary, which checking flags alone misses:
#  1. a segment pod with START_AT an hour away, BASE_URL as the manifest sets it: it must
#     pass every check loadtwin makes before a run (non-loopback host, budget, output files)
#     and wait at its start barrier. Nothing is sent: loadtwin looks the host up only when
#     the first request starts, after the barrier (and the test kills it before then; in an
#     empty network namespace when `unshare` allows it).
#  2. all the segment pods with BASE_URL's host and port swapped for 127.0.0.1 and a port
#     where nothing listens, and one START_AT a second away, then the merge Job's command:
#     every segment exits 0 (its own 99 is not a failure), merge gives the verdict (99: a
#     tiny plan whose every request fails) from this run's parts only.
# Usage: k8s_manifests_test.sh [LOADTWIN_BIN [DEPLOY_DIR]] (defaults: $LOADTWIN_BIN, else
# build/release/app/loadtwin; the repository's deploy/kubernetes).
# Exit 77 (skipped) without python3's PyYAML.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-${LOADTWIN_BIN:-$root/build/release/app/loadtwin}}
dir=${2:-$root/deploy/kubernetes}
python3 -c 'import yaml' 2>/dev/null || { echo "skipped: python3 with PyYAML not found"; exit 77; }
[ -x "$bin" ] || { echo "no loadtwin binary at $bin"; exit 1; }
live_help=$("$bin" live --help)
merge_help=$("$bin" merge --help)
# unshare -rn: a user and network namespace with no interface up, so check 1 cannot send
# anything even by mistake (optional: without it, the start barrier alone keeps it quiet).
no_net=
if unshare -rn true 2>/dev/null; then no_net="unshare -rn"; fi
export LIVE_HELP=$live_help MERGE_HELP=$merge_help LOADTWIN=$bin NO_NET=$no_net
python3 - "$dir" <<'PY'
import datetime, glob, json, os, re, shutil, signal, socket, subprocess, sys, tempfile, time
import urllib.parse
import yaml

problems = []
def need(cond, where, what):
    if not cond:
        problems.append(f"{where}: {what}")
    return bool(cond)

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

# loadtwin's exit codes (SPEC, README): 1 runtime failure, 99 thresholds, 104 invalid plan
# or flags, 105 interrupted, 107 engine bound, 108 budget stop; 137 = killed (OOM).
LOADTWIN_CODES = [1, 99, 104, 105, 107, 108, 137]

def check_failure_policy(where, spec, containers):
    """A Job that retries must not rerun a loadtwin failure: each rerun sends (and spends)
    the same again and ends the same way, or (after an eviction) out of step."""
    rules = spec.get("podFailurePolicy", {}).get("rules", [])
    names = {c.get("name") for c in containers}
    for i, rule in enumerate(rules):
        need(rule.get("action") in ("FailJob", "FailIndex", "Ignore", "Count"), where,
             f"podFailurePolicy rule {i}: unknown action {rule.get('action')}")
        need(("onExitCodes" in rule) != ("onPodConditions" in rule), where,
             f"podFailurePolicy rule {i}: exactly one of onExitCodes, onPodConditions")
        codes = rule.get("onExitCodes")
        if codes:
            values = codes.get("values") or []
            need(codes.get("operator") in ("In", "NotIn"), where,
                 f"podFailurePolicy rule {i}: operator In or NotIn")
            need(values and all(isinstance(v, int) for v in values)
                 and values == sorted(set(values)) and len(values) <= 255, where,
                 f"podFailurePolicy rule {i}: values are 1-255 ordered unique integers")
            need(not (codes.get("operator") == "In" and 0 in values), where,
                 f"podFailurePolicy rule {i}: 0 cannot be used with In")
            need(codes.get("containerName") in (None, *names), where,
                 f"podFailurePolicy rule {i}: no container {codes.get('containerName')}")
        for cond in rule.get("onPodConditions") or []:
            need(cond.get("type"), where, f"podFailurePolicy rule {i}: a condition needs a type")
    backoff = spec.get("backoffLimit", 6)  # Kubernetes' default
    if backoff == 0 and not spec.get("backoffLimitPerIndex"):
        return  # never retried

    def action(code, conditions=()):  # the first rule that matches; Count when none does
        for rule in rules:
            codes = rule.get("onExitCodes")
            if codes:
                if codes.get("containerName") not in (None, "loadtwin"):
                    continue
                inside = code in (codes.get("values") or [])
                if inside == (codes.get("operator") == "In"):
                    return rule.get("action")
            elif any(c.get("type") in conditions and str(c.get("status", "True")) == "True"
                     for c in rule.get("onPodConditions") or []):
                return rule.get("action")
        return "Count"
    for code in LOADTWIN_CODES:
        need(action(code) == "FailJob", where,
             f"backoffLimit {backoff} would rerun a pod that exits {code} (action "
             f"{action(code)}): loadtwin's exit codes are deterministic, make each FailJob")
    need(action(105, ("DisruptionTarget",)) == "FailJob", where,
         "a disrupted segment (eviction, preemption: SIGTERM, exit 105) has sent part of its "
         "requests: a rerun after the barrier sends them again, out of step")

segments_job = merge_job = None
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
    check_failure_policy(where, spec, containers)
    for c in containers:
        text = command_of(c)
        check_flags(where, text, os.environ["LIVE_HELP"], "live")
        check_flags(where, text, os.environ["MERGE_HELP"], "merge")
        if "loadtwin merge" in text:
            merge_job = (where, d)
    if spec.get("completionMode") == "Indexed":
        segments_job = (where, d)
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
need(merge_job, "deploy/kubernetes", "no Job runs loadtwin merge")

# run.sh applies the Jobs through sed: every placeholder a manifest holds must be one it fills.
run_sh = os.path.join(sys.argv[1], "run.sh")
if os.path.exists(run_sh):
    script = open(run_sh).read()
    for name, _ in docs:
        for ph in sorted(set(re.findall(r"\b[A-Z_]+_PLACEHOLDER\b",
                                        open(os.path.join(sys.argv[1], name)).read()))):
            need(f"s/{ph}/" in script, "run.sh", f"does not fill {ph} ({name})")

# ---- The pods' own commands, run here. ----
PLACEHOLDERS = {"RUN_ID_PLACEHOLDER": "run-test"}  # START_AT_PLACEHOLDER: per check below
# Every segment has one VU and one request, which fails (nothing listens): the thresholds
# fail, so each segment exits 99 (0 for its pod) and the merged verdict is 99.
PLAN = {"model": {"first_token_delay": "10ms", "token_interval": "1ms",
                  "tokens_per_response": 5},
        "options": {"scenarios": {"one": {"executor": "per-vu-iterations", "vus": 1,
                                          "iterations": 1, "exec": "simple_query"}},
                    "thresholds": {"http_req_failed": ["rate<0.5"]}}}
tmp = tempfile.mkdtemp(prefix="loadtwin-k8s-")
shim = os.path.join(tmp, "bin")  # the image's PATH: `loadtwin` is the binary under test
os.makedirs(shim)
os.symlink(os.path.abspath(os.environ["LOADTWIN"]), os.path.join(shim, "loadtwin"))
started = []  # every process group this test starts, killed at the end

def rfc3339(seconds_from_now):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds_from_now)
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")

def volume_dir(vol):
    """A volume as a directory: a PVC's is shared by every pod that mounts the claim."""
    if "persistentVolumeClaim" in vol:
        path = os.path.join(tmp, "pvc-" + vol["persistentVolumeClaim"]["claimName"])
    else:
        path = os.path.join(tmp, "vol-" + vol["name"])
    if not os.path.isdir(path):
        os.makedirs(path)
        if "configMap" in vol:  # run.sh's ConfigMap: the plan under the key plan.json
            json.dump(PLAN, open(os.path.join(path, "plan.json"), "w"))
    return path

def start_pod(job, env_values, index=None, prefix=()):
    """Starts the Job's loadtwin container command as its pod would; the mount paths in the
    command and env are replaced by the volumes' directories."""
    pod = job["spec"]["template"]["spec"]
    c = next(c for c in pod["containers"] if c.get("name") == "loadtwin")
    vols = {v["name"]: v for v in pod.get("volumes", [])}
    mounts = {m["mountPath"].rstrip("/"): volume_dir(vols[m["name"]])
              for m in c.get("volumeMounts", [])}
    at_mount = re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, mounts)) + r")(?=/|[\s\"']|$)")
    local = lambda text: at_mount.sub(lambda m: mounts[m.group(1)], text) if mounts else text
    env = dict(os.environ, PATH=shim + os.pathsep + os.environ.get("PATH", ""))
    for e in c.get("env", []):
        env[e["name"]] = local(env_values.get(e["name"], e.get("value", "")))
    if index is not None:
        env["JOB_COMPLETION_INDEX"] = str(index)  # what an Indexed Job sets
    argv = [local(a) for a in c.get("command", []) + c.get("args", [])]
    p = subprocess.Popen(list(prefix) + argv, env=env, cwd=tmp, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, start_new_session=True)
    started.append(p)
    return p

def env_of(job):
    c = next(c for c in job["spec"]["template"]["spec"]["containers"] if c.get("name") == "loadtwin")
    values = {}
    for e in c.get("env", []):
        v = e.get("value", "")
        for ph, value in PLACEHOLDERS.items():
            v = v.replace(ph, value)
        values[e["name"]] = v
    return values

def run_checks():
    swhere, seg = segments_job
    mwhere, merge = merge_job
    scontainer = next(c for c in seg["spec"]["template"]["spec"]["containers"]
                      if c.get("name") == "loadtwin")
    script = command_of(scontainer)
    env = env_of(seg)
    # Safety first: a URL written into the command could not be swapped for 127.0.0.1, and
    # a command without the barrier would send at once.
    if not need("BASE_URL" in env and not re.search(r"https?://", script), swhere,
                "the target must come from env BASE_URL (the test swaps its host)"):
        return
    if not need("START_AT" in env and re.search(r'--start-at\s+"?\$\{?START_AT\b', script),
                swhere, 'the segments must wait for --start-at "$START_AT"'):
        return
    n = seg["spec"].get("completions")
    if not isinstance(n, int) or n < 1:
        return  # said above

    # 1. The exact command against the manifest's BASE_URL, barrier an hour away.
    first = start_pod(seg, dict(env, START_AT=rfc3339(3600)), index=0,
                      prefix=os.environ["NO_NET"].split())
    t0 = time.monotonic()

    # 2. Every segment, then the merge, against a port where nothing listens: bound here and
    # never listened on, so the kernel refuses each connection and no one else can take it.
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    url = urllib.parse.urlsplit(env["BASE_URL"])
    local_url = url._replace(netloc=f"127.0.0.1:{closed.getsockname()[1]}").geturl()
    parts = os.path.join(tmp, "pvc-" + next(
        v["persistentVolumeClaim"]["claimName"] for v in seg["spec"]["template"]["spec"]["volumes"]
        if "persistentVolumeClaim" in v))
    # Parts a previous run left: in the volume's root (the old layout) and in another run's
    # directory. They must not join this run's merge.
    for stale in ("part-7.json.gz", "run-old/part-0.json.gz"):
        os.makedirs(os.path.dirname(os.path.join(parts, stale)), exist_ok=True)
        open(os.path.join(parts, stale), "w").write("not a part\n")
    at = rfc3339(1.5)
    pods = [start_pod(seg, dict(env, BASE_URL=local_url, START_AT=at), index=i) for i in range(n)]
    segments_ok = True
    for i, p in enumerate(pods):
        out, _ = p.communicate(timeout=30)
        segments_ok &= need(p.returncode == 0, swhere, f"segment pod {i} against {local_url} "
                            f"exited {p.returncode} (want 0: its own 99 is not a failure):\n{out}")
    closed.close()
    if segments_ok:
        m = start_pod(merge, env_of(merge))
        out, _ = m.communicate(timeout=30)
        need(m.returncode == 99, mwhere, f"merge exited {m.returncode}, want the verdict "
             f"99 over this run's {n} parts:\n{out}")
        need(glob.glob(os.path.join(parts, "*", "summary.json")) or
             os.path.exists(os.path.join(parts, "summary.json")), mwhere,
             "merge wrote no summary.json")

    # 1, judged: still waiting for its barrier, so every check loadtwin makes passed.
    time.sleep(max(0.0, 3 - (time.monotonic() - t0)))
    if first.poll() is not None:
        out, _ = first.communicate()
        need(False, swhere, f"the segment command exits {first.returncode} before its start "
             f"barrier with BASE_URL={env['BASE_URL']} (104: a flag or check refuses it):\n{out}")
    else:
        # An eviction's SIGTERM reaches the pod's first process, the shell: it must reach
        # loadtwin, which stops and exits 105 (a shell that ignores it would leave loadtwin
        # running until the SIGKILL, with no part written).
        first.send_signal(signal.SIGTERM)
        try:
            out, _ = first.communicate(timeout=10)
            need(first.returncode == 105, swhere, f"SIGTERM to the segment pod's shell: exit "
                 f"{first.returncode}, want 105 (loadtwin interrupted):\n{out}")
        except subprocess.TimeoutExpired:
            need(False, swhere, "SIGTERM to the segment pod's shell did not stop loadtwin")

if segments_job and merge_job:  # run even when a check above failed: say all that is wrong
    try:
        run_checks()
    finally:
        for p in started:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)  # our own process group (start_new_session)
                p.wait()
        shutil.rmtree(tmp, ignore_errors=True)
else:
    shutil.rmtree(tmp, ignore_errors=True)

if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"{len(docs)} manifests valid; the pods' commands ran")
PY
