# Shared helpers of the integration tests (sourced; not a test itself).
set -eEuo pipefail
trap 'echo "FAIL: \"$BASH_COMMAND\" exited with $? (line $LINENO of ${BASH_SOURCE[0]})" >&2' ERR
: "${PELCAMP_BIN:?set by ctest}" "${PELCAMP_SOURCE_DIR:?set by ctest}"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Quiet, fast Open MPI on one machine (no network probing).
export OMPI_MCA_btl=self,vader OMPI_MCA_rmaps_base_oversubscribe=1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pelcamp-it.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# pelcamp under mpirun with N ranks (N=1 runs the binary directly, no mpirun).
run_ranks() {
  local n=$1; shift
  if [[ $n == 1 ]]; then "$PELCAMP_BIN" "$@"; else mpirun -n "$n" --oversubscribe "$PELCAMP_BIN" "$@"; fi
}

# Digest of everything a unit computed: results and particle data (not the ledger, whose
# worker ranks and wall times legitimately differ between runs).
results_digest() {
  { h5dump -g /results "$1"; h5dump -g /particles "$1" 2>/dev/null || true; } | grep -v '^HDF5 "' | md5sum | cut -d' ' -f1
}

# Kills every process of a job started with setsid (mpirun and all ranks) with SIGKILL.
kill_session() {
  local sid=$1 pids
  pids=$(ps -eo pid=,sid= | awk -v s="$sid" '$2 == s {print $1}')
  [[ -n $pids ]] && kill -KILL $pids 2>/dev/null || true
  for _ in $(seq 100); do  # until none is left (zombies aside)
    [[ -z $(ps -eo sid=,stat= | awk -v s="$sid" '$1 == s && $2 !~ /^Z/') ]] && return 0
    sleep 0.05
  done
  fail "processes of session $sid survived SIGKILL"
}

count_status() {  # count_status STORE STATUS -> number of units with that status in the ledger
  h5dump -d /units/state "$1" | grep -c "^ *$2,$" || true
}
