# bench/lib.sh — shared by the scenario scripts in bench/scenarios/ (sourced, not run).
# Settings come from the environment bench/run exports: RUNS, WARMUP, OUT (bench/out), KUBECONFIG,
# SMOKE (1: tiny sizes, results unchecked), POOLS, PER_POOL, FLOWS, FANOUT.
#
# A scenario records each comparison with `compare` (times) or `rss` (peak memory), a single value with
# `figure`; bench/report turns
# every recorded comparison into a row of bench/RESULTS.md, grouped by its section, in recording order.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
RUNS=${RUNS:-15} WARMUP=${WARMUP:-2} OUT=${OUT:-$root/bench/out} SMOKE=${SMOKE:-0}
mkdir -p "$OUT"
export IPAMCTL_NO_BUILD=1
# cold figures are runs without a warm ipamctl server; a warm scenario sets IPAMCTL_SERVER itself
export IPAMCTL_SERVER=off
# by its absolute path, as from PATH (a relative one costs the launcher a readlink fork)
ipamctl=("$root/cli/ipamctl" --kubeconfig "${KUBECONFIG:?KUBECONFIG (the test cluster: eval \"\$(cli/test-cluster env)\")}")

# meta NAME KEY=VALUE...: what a recorded comparison is, for bench/report ($OUT/NAME.meta, one KEY=VALUE a line)
meta() {
  local name=$1 seq
  shift
  seq=$(($(cat "$OUT/.seq" 2>/dev/null || echo 0) + 1))
  echo "$seq" >"$OUT/.seq"
  printf '%s\n' "seq=$seq" "$@" >"$OUT/$name.meta"
}

# compare NAME SECTION LABEL TARGET IPAMCTL-COMMAND REFERENCE-LABEL REFERENCE-COMMAND [REF2-LABEL REF2-COMMAND]
# Wall time of the commands run in turn (bench/paired: medians of paired runs), to $OUT/NAME.json.
# SECTION: cold (a new JVM every run), warm, fanout, ... (bench/report's headings); TARGET may be empty.
compare() {
  local name=$1 section=$2 label=$3 target=$4 cmd=$5 reflabel=$6 ref=$7
  local args=("ipamctl=$cmd" "reference=$ref") extra=()
  if [ $# -ge 9 ]; then
    args+=("reference2=$9")
    extra=("reference2=$8")
  fi
  bench/paired --runs "$RUNS" --warmup "$WARMUP" --export "$OUT/$name.json" "${args[@]}"
  meta "$name" "section=$section" "label=$label" "target=$target" "reference=$reflabel" "${extra[@]}"
}

# target2 NAME TARGET: the target of a comparison's second reference (shown beside it; none unless set)
target2() { echo "target2=$2" >>"$OUT/$1.meta"; }

# rss NAME LABEL TARGET REFERENCE-LABEL IPAMCTL-COMMAND REFERENCE-COMMAND: peak RSS of each (GNU time;
# cli/ipamctl execs the JVM, so it is the JVM's), KB to $OUT/NAME.rss and $OUT/NAME.ref.rss
rss() {
  local name=$1 label=$2 target=$3 reflabel=$4 cmd=$5 ref=$6
  # shellcheck disable=SC2086 # the commands are word lists, as for compare
  /usr/bin/time -f %M -o "$OUT/$name.rss" $cmd >/dev/null 2>"$OUT/$name.stderr"
  # shellcheck disable=SC2086
  /usr/bin/time -f %M -o "$OUT/$name.ref.rss" $ref >/dev/null 2>>"$OUT/$name.stderr"
  meta "$name" "section=rss" "label=$label" "target=$target" "reference=$reflabel"
}

# figure NAME SECTION LABEL VALUE TARGET: one measured value (with its unit) that is no comparison, such as the
# warm server's memory; bench/report shows it in a table of its section
figure() {
  local name=$1 section=$2 label=$3 value=$4 target=$5
  meta "$name" "section=$section" "label=$label" "value=$value" "target=$target"
}

# the antrea-agent Pod of a node and the node of the first agent
agent_of() { kubectl get pods -n kube-system -l app=antrea,component=antrea-agent --field-selector "spec.nodeName=$1" -o jsonpath='{.items[0].metadata.name}'; }
first_node() { kubectl get pods -n kube-system -l app=antrea,component=antrea-agent -o jsonpath='{.items[0].spec.nodeName}'; }
