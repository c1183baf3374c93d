#!/usr/bin/env bash
# Issue 16, item 5: a study on PostgreSQL answered by a real Slurm job array, end to end on this one machine.
# Installs (apt, once) and starts munge, slurmctld and slurmd as a single-node cluster (docs: ../shared/docs/STUDIES.md),
# makes sure PostgreSQL runs with a database for the study, then:
#   1. the in-memory `nassharp search` (nb201 CIFAR-10, npenas + np, budget 24, seed 0), the reference;
#   2. a study with the same settings, `nassharp slurm --workers 4`, sbatch, wait: every trial complete, the budget met
#      exactly, no architecture twice, every trial's worker one of the job's array tasks, every task COMPLETED;
#   3. the same with a 1-task array: its trajectory must equal the search's, query by query;
#   4. SIGTERM as Slurm sends it before the time limit (scancel --batch --signal=TERM, i.e. --signal=B:TERM): the
#      worker, exec'd as the batch shell, must release its running trial at once (waiting again, no failure counted).
# Stops only the daemons it started, by pid. Exits non-zero with a message on any failure.
# Usage (as root): scripts/slurm-study.sh [OUT_DIR]   (default runs/slurm-study)
#   NASSHARP_CLI     a built nassharp (default: build this clone's CLI)
#   STUDY_POSTGRES   the PostgreSQL store (default: database nassharp_slurm of role nassharp on the local cluster)
#   SLURM_STUDY_WAIT seconds to wait for a job (default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
began=$(date +%s)
out=${1:-runs/slurm-study}
mkdir -p "$out"
out=$(cd "$out" && pwd)
wait_limit=${SLURM_STUDY_WAIT:-300}
budget=24 seed=0

fail() { echo "slurm-study: FAIL: $*" >&2; exit 1; }
note() { echo "slurm-study: $*"; }

[ "$(id -u)" -eq 0 ] || fail "must run as root: it installs slurm-wlm and munge and starts munged, slurmctld and slurmd (single-node cluster)."
command -v apt-get >/dev/null || fail "needs a Debian/Ubuntu machine (apt-get) to install slurm-wlm and munge."

# Daemons this run started, stopped in reverse order on exit (and PostgreSQL's cluster if this run started it).
started_pids=()
started_pg=""
stop_started() {
  local i
  for (( i=${#started_pids[@]}-1; i>=0; i-- )); do
    kill "${started_pids[i]}" 2>/dev/null || true
  done
  for (( i=${#started_pids[@]}-1; i>=0; i-- )); do
    # Children of this shell can be waited for; munged daemonised itself, so poll its pid instead.
    wait "${started_pids[i]}" 2>/dev/null || while kill -0 "${started_pids[i]}" 2>/dev/null; do sleep 0.2; done
  done
  [ -z "$started_pg" ] || pg_ctlcluster $started_pg stop || true
}
trap stop_started EXIT

# Polls "$@" every half second until it succeeds, for at most $1 seconds.
await() {
  local limit=$1; shift
  local until=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$until" ] || return 1
    sleep 0.5
  done
}

# --- Packages ------------------------------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  note "installing slurm-wlm and munge (apt-get; log $out/apt.log)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >"$out/apt.log" 2>&1 \
    || { apt-get update -q >>"$out/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >>"$out/apt.log" 2>&1; } \
    || fail "apt-get install slurm-wlm munge failed; see $out/apt.log"
fi

# --- munge ---------------------------------------------------------------------------------------------------------
munge_ok() { munge -n | unmunge; }
if ! munge_ok >/dev/null 2>&1; then
  if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    chown munge:munge /etc/munge/munge.key
    chmod 400 /etc/munge/munge.key
  fi
  mkdir -p /run/munge
  chown munge:munge /run/munge
  su -s /bin/sh munge -c /usr/sbin/munged || fail "munged did not start (as user munge)."
  started_pids+=("$(cat /run/munge/munged.pid)")
  await 20 munge_ok || fail "munged started but munge -n | unmunge does not answer within 20 s."
fi

# --- Slurm: one node, this host --------------------------------------------------------------------------------------
host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/^MemTotal:/ {m = int($2 / 1024) - 512; print (m > 4000 ? 4000 : m)}' /proc/meminfo)
conf=/etc/slurm/slurm.conf
marker="# Written by NasSharp scripts/slurm-study.sh (single node); rewritten on each run."
own_conf=""
if [ ! -e "$conf" ] || [ "$(head -1 "$conf")" = "$marker" ]; then
  own_conf=yes
  mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd
  # OverSubscribe=FORCE:4 lets up to 4 tasks share a core: the workers mostly wait for their trial's process, and a
  # 4-task array on a 2-core machine should run its tasks at once. ReturnToService=2 brings the node back after a
  # run whose daemons were stopped.
  cat >"$conf" <<EOF
$marker
ClusterName=local
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
JobAcctGatherType=jobacct_gather/none
ReturnToService=2
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
EOF
else
  note "using the existing $conf (not written by this script)"
fi
if ! scontrol ping 2>/dev/null | grep -q "is UP"; then
  slurmctld -D >"$out/slurmctld.log" 2>&1 &
  started_pids+=("$!")
  await 30 sh -c 'scontrol ping | grep -q "is UP"' || fail "slurmctld did not answer within 30 s; see $out/slurmctld.log"
fi
if ! pgrep -x slurmd >/dev/null; then
  slurmd -D >"$out/slurmd.log" 2>&1 &
  started_pids+=("$!")
fi
node_up() { sinfo -h -N -n "$host" -o %t | grep -Eq '^(idle|mix|alloc)'; }
if ! await 30 node_up; then
  scontrol update nodename="$host" state=resume 2>/dev/null || true
  await 15 node_up || fail "node $host is not up in Slurm ($(sinfo -h -N -n "$host" -o '%t %E')); see $out/slurmd.log"
fi
note "Slurm up: node $host ($cpus CPUs), $(sinfo -V)"

# --- PostgreSQL ------------------------------------------------------------------------------------------------------
if [ -n "${STUDY_POSTGRES:-}" ]; then
  pg=$STUDY_POSTGRES
else
  if ! command -v pg_ctlcluster >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >>"$out/apt.log" 2>&1 || fail "apt-get install postgresql failed; see $out/apt.log"
  fi
  cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
  [ -n "$cluster" ] || fail "PostgreSQL is installed but has no cluster (pg_createcluster)."
  if ! pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -q online; then
    pg_ctlcluster $cluster start || fail "pg_ctlcluster $cluster start failed."
    started_pg=$cluster
  fi
  psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
  [ "$(psql_admin "select 1 from pg_roles where rolname = 'nassharp'")" = 1 ] || psql_admin "create role nassharp login password 'nassharp'"
  [ "$(psql_admin "select 1 from pg_database where datname = 'nassharp_slurm'")" = 1 ] || su postgres -c "createdb -O nassharp nassharp_slurm"
  port=$(pg_lsclusters -h | awk 'NR==1 {print $3}')
  # The password travels in the environment (sbatch passes it to the tasks), not in the job script.
  export PGPASSWORD=nassharp
  pg="postgresql://nassharp@localhost:$port/nassharp_slurm"
fi
note "study store: $pg"

# --- nassharp ----------------------------------------------------------------------------------------------------------
if [ -z "${NASSHARP_DATA:-}" ] && [ -d ../shared/data ]; then export NASSHARP_DATA="$(cd ../shared/data && pwd)"; fi
cli=${NASSHARP_CLI:-src/NasSharp.Cli/bin/Release/net10.0/nassharp}
[ -n "${NASSHARP_CLI:-}" ] || dotnet build src/NasSharp.Cli -c Release -v q >"$out/build.log" 2>&1 || fail "dotnet build failed; see $out/build.log"
cli=$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")
[ -x "$cli" ] || fail "no nassharp at $cli"
settings=(--space nb201 --strategy npenas --predictor np --budget "$budget" --seed "$seed")
evaluate=("$cli" evaluate --from-table --space nb201 --target cifar10 --arch {arch} --out {out})
stamp=$(date +%Y%m%d%H%M%S)

t=$(date +%s)
"$cli" search "${settings[@]}" --target cifar10 --runs 1 --threads 1 --jobs 1 --no-progress --out "$out/search" >"$out/search.log" 2>&1 \
  || fail "nassharp search failed; see $out/search.log"
note "in-memory search: $(( $(date +%s) - t )) s"

# Waits for Slurm job $1 to leave the queue; cancels it and fails after $wait_limit seconds.
await_job() {
  local job=$1 until=$(( $(date +%s) + wait_limit ))
  while [ -n "$(squeue -h -j "$job" -o %i 2>/dev/null)" ]; do
    if [ "$(date +%s)" -ge "$until" ]; then scancel "$job" || true; fail "job $job still queued or running after ${wait_limit} s (cancelled); see $out/logs"; fi
    sleep 1
  done
}

# Checks that every array task of job $1 ($2 tasks) ended COMPLETED with exit code 0.
check_tasks() {
  local job=$1 tasks=$2 states
  states=$(scontrol show job "$job" -o 2>/dev/null | grep -o 'JobState=[A-Z_]* .*ExitCode=[0-9:]*' | awk '{print $1" "$NF}' | sort | uniq -c)
  [ "$(scontrol show job "$job" -o | grep -c 'JobState=COMPLETED .*ExitCode=0:0')" -eq "$tasks" ] \
    || fail "job $job: expected $tasks tasks COMPLETED with exit code 0, got: $states; see $out/logs"
}

# Runs a study with a $1-task array; sets $job and exports the study to $out/$2.
run_array() {
  local workers=$1 tag=$2 name="slurm-$stamp-$2"
  "$cli" study create --storage "$pg" --name "$name" "${settings[@]}" --domain cifar10 >/dev/null || fail "study create $name failed"
  "$cli" slurm --storage "$pg" --study "$name" --workers "$workers" --time 15 --job-name "nassharp-$tag" --log-dir "$out/logs" --chdir "$out" \
    --worker-args "--poll 1s --out-dir $out/$tag-trials" --out "$out/$tag.sbatch" -- "${evaluate[@]}" >/dev/null || fail "nassharp slurm failed"
  local t=$(date +%s)
  job=$(sbatch --parsable "$out/$tag.sbatch") || fail "sbatch $out/$tag.sbatch failed"
  job=${job%%;*}
  await_job "$job"
  check_tasks "$job" "$workers"
  # Concurrency from Slurm's own record: the last task started before the first one ended.
  local starts ends
  starts=$(scontrol show job "$job" -o | grep -o 'StartTime=[^ ]*' | cut -d= -f2 | xargs -n1 date +%s -d | sort -n)
  ends=$(scontrol show job "$job" -o | grep -o 'EndTime=[^ ]*' | cut -d= -f2 | xargs -n1 date +%s -d | sort -n)
  overlap=$(( $(head -1 <<<"$ends") - $(tail -1 <<<"$starts") ))
  if [ "$workers" -gt 1 ]; then
    note "job $job: the $workers tasks started within $(( $(tail -1 <<<"$starts") - $(head -1 <<<"$starts") )) s; all ran together for ${overlap} s"
    [ "$overlap" -gt 0 ] || [ -z "$own_conf" ] || fail "job $job: the tasks did not run at the same time (the last started ${overlap#-} s after the first ended)"
  fi
  "$cli" study export --storage "$pg" --study "$name" --out "$out/$tag" >/dev/null || fail "study export $name failed"
  note "$workers-task array (job $job): $(( $(date +%s) - t )) s from sbatch to all tasks done"
}

# Checks trials.csv of $1: $budget trials, all complete, distinct archs, workers among job $2's tasks 0..$3-1.
check_study() {
  local dir=$1 job=$2 tasks=$3
  # number,arch,state,attempt,failures,worker,completion,value,...: the first eight fields never hold a comma.
  awk -F, -v budget="$budget" -v job="$job" -v tasks="$tasks" -v dir="$dir" '
    NR == 1 { next }
    { n++; if ($3 != "complete") bad = bad sprintf(" trial %s is %s;", $1, $3)
      if (seen[$2]++) bad = bad sprintf(" %s twice;", $2)
      if (!match($6, "^slurm-" job "_[0-9]+$") || substr($6, length("slurm-" job "_") + 1) + 0 >= tasks) bad = bad sprintf(" trial %s by worker %s;", $1, $6)
      per[$6]++; failures += $5 }
    END {
      if (n != budget) bad = bad sprintf(" %d trials, budget %d;", n, budget)
      for (w in per) counts = counts sprintf(" %s=%d", w, per[w])
      printf "%s: %d trials, %d distinct, %d failed attempts; per worker:%s\n", dir, n, length(seen), failures, counts
      if (bad != "") { print "problems:" bad > "/dev/stderr"; exit 1 } }' "$out/$dir/trials.csv" || fail "$dir: the study is not as expected (above)"
}

# Compares $1's trajectory (trials by completion) with the search's, query by query; prints the first difference.
same_as_search() {
  awk -F, '
    FNR == 1 { next }
    NR == FNR { arch[$4] = $5; value[$4] = $6; queries++; next }
    { order[$7] = $2; got[$7] = $8 }
    END {
      for (q = 1; q <= queries; q++) {
        d = got[q] - value[q]; if (d < 0) d = -d
        if (order[q] != arch[q] || d > 1e-9) { printf "first difference at query %d: %s %s vs search %s %s\n", q, order[q], got[q], arch[q], value[q]; exit 1 }
      }
      printf "all %d queries identical to the search (arch and value)\n", queries }' "$out/search/search.csv" "$out/$1/trials.csv"
}

run_array 4 array4
check_study array4 "$job" 4
note "array4 vs search: $(same_as_search array4 || true) (4 concurrent workers: the order may differ, not asserted)"

run_array 1 array1
check_study array1 "$job" 1
same=$(same_as_search array1) || fail "the 1-task array's trajectory differs from nassharp search with the same seed: $same"
note "array1 vs search: $same"

# --- SIGTERM before the time limit -------------------------------------------------------------------------------------
name="slurm-$stamp-term"
"$cli" study create --storage "$pg" --name "$name" --space nb201 --strategy random --budget 2 --seed "$seed" --domain cifar10 >/dev/null
"$cli" slurm --storage "$pg" --study "$name" --workers 1 --time 15 --job-name nassharp-term --log-dir "$out/logs" --chdir "$out" \
  --worker-args "--out-dir $out/term-trials" --out "$out/term.sbatch" -- sleep 120 >/dev/null
job=$(sbatch --parsable "$out/term.sbatch"); job=${job%%;*}
running() { "$cli" study export --storage "$pg" --study "$name" --out "$out/term" && awk -F, 'NR > 1 && $3 == "running" {r = 1} END {exit !r}' "$out/term/trials.csv"; }
await 60 running || { scancel "$job"; fail "job $job: no trial running within 60 s; see $out/logs"; }
t=$(date +%s)
scancel --batch --signal=TERM "$job"
await_job "$job"
"$cli" study export --storage "$pg" --study "$name" --out "$out/term" >/dev/null
awk -F, 'NR > 1 && $1 == 1 { found = 1; if ($3 != "waiting" || $5 != 0) { printf "trial 1 is %s with %s failures\n", $3, $5 > "/dev/stderr"; exit 1 } } END { exit !found }' \
  "$out/term/trials.csv" || fail "SIGTERM to the batch shell did not hand trial 1 back (expected waiting, no failure); see $out/logs"
grep -q "the lease is released" "$out"/logs/nassharp-term-"${job}"_0.out || fail "the worker's log does not say it released its trial; see $out/logs"
state=$(scontrol show job "$job" -o | grep -o 'JobState=[A-Z_]*' | head -1)
note "SIGTERM (scancel --batch --signal=TERM, as --signal=B:TERM sends it): trial 1 waiting again, no failure counted, worker gone after $(( $(date +%s) - t )) s ($state)"

note "PASS in $(( $(date +%s) - began )) s (end to end, this script)"
