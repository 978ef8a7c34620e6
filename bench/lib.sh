# bench/lib.sh — shared by the bench/ scenario scripts (sourced, not run).
# Settings come from the environment bench/run exports: RUNS, WARMUP, OUT (bench/out), KUBECONFIG.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
RUNS=${RUNS:-15} WARMUP=${WARMUP:-2} OUT=${OUT:-$root/bench/out}
mkdir -p "$OUT"
export IPAMCTL_NO_BUILD=1
ipamctl=(cli/ipamctl --kubeconfig "${KUBECONFIG:?KUBECONFIG (the test cluster: eval \"\$(cli/test-cluster env)\")}")

# hf NAME CMD REF [REF2]: hyperfine, ipamctl against its reference(s) in one run, to $OUT/NAME.json
hf() {
  local name=$1 args=(-n ipamctl "$2" -n reference "$3")
  [ $# -ge 4 ] && args+=(-n reference2 "$4")
  hyperfine -N --style none --warmup "$WARMUP" --runs "$RUNS" --export-json "$OUT/$name.json" "${args[@]}" >/dev/null
}

# peak_rss NAME CMD...: peak RSS in KB of CMD (GNU time; cli/ipamctl execs the JVM, so it is the JVM's) to $OUT/NAME.rss
peak_rss() {
  local name=$1; shift
  /usr/bin/time -f %M -o "$OUT/$name.rss" "$@" >/dev/null 2>"$OUT/$name.stderr"
}

# the antrea-agent Pod of a node and the node of the first agent
agent_of() { kubectl get pods -n kube-system -l app=antrea,component=antrea-agent --field-selector "spec.nodeName=$1" -o jsonpath='{.items[0].metadata.name}'; }
first_node() { kubectl get pods -n kube-system -l app=antrea,component=antrea-agent -o jsonpath='{.items[0].spec.nodeName}'; }
