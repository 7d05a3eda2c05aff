#!/usr/bin/env bash
# (Copied into pelcamp from the team's tested recipe for a one-node Slurm on localhost; used by
# tests/integration/slurm_cluster.sh.)
# setup_slurm_localhost.sh - a real one-node Slurm cluster on this machine
# (Debian 12, root, no network but loopback + Debian mirrors).
#
# Idempotent: installs what is missing, (re)writes /etc/slurm/slurm.conf,
# starts munged, slurmctld and slurmd (daemon mode, pid files under
# $SLURM_CI_DIR) unless they already run with the same config, waits for the
# node to be idle and, unless SLURM_CI_SMOKE=0, runs a smoke test:
# `srun -n 2 hostname` and an sbatch job running a 3-rank Open MPI program.
#
# Environment knobs (all optional):
#   SLURM_CI_DIR    state/log/pid dir            (default /var/spool/slurm-ci)
#   SLURM_CI_CPUS   CPUs declared for the node   (default: real count, nproc)
#                   more than the real count turns on
#                   SlurmdParameters=config_overrides, so that e.g.
#                   `sbatch --ntasks=3` fits on a 2-core box.
#   SLURM_CI_SMOKE  1 = run the smoke test (default), 0 = skip
#   SLURM_CI_NO_INSTALL 1 = never call apt-get
#   SLURM_CI_PBS    1 = also install slurm-wlm-torque (qsub/qstat/qdel
#                   wrappers over Slurm) and enable spank_pbs.so so jobs get
#                   PBS_JOBID/PBS_O_WORKDIR. There is no real PBS server in Debian.
#
# Undo with teardown_slurm_localhost.sh.
set -euo pipefail

T0=$(date +%s%3N)
SLURM_CI_DIR=${SLURM_CI_DIR:-/var/spool/slurm-ci}
SLURM_CI_SMOKE=${SLURM_CI_SMOKE:-1}
CONF=/etc/slurm/slurm.conf
NODE=localhost

log() { local d=$(( $(date +%s%3N) - T0 )); printf '[slurm-setup +%d.%03ds] %s\n' $((d/1000)) $((d%1000)) "$*"; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (slurmd/slurmctld/munged need it here)"

# ---------------------------------------------------------------- install
need_install=0
for b in slurmctld slurmd sbatch srun sinfo munged munge mpicc mpirun; do
  command -v "$b" >/dev/null 2>&1 || need_install=1
done
if [ "$need_install" = 1 ]; then
  [ "${SLURM_CI_NO_INSTALL:-0}" = 1 ] && die "packages missing and SLURM_CI_NO_INSTALL=1"
  log "installing Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  # --no-install-recommends: slurm-wlm's recommends drag in ~35 plugin/-dev pkgs
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    slurmctld slurmd slurm-client munge openmpi-bin libopenmpi-dev >/dev/null
  log "packages installed"
fi

if [ "${SLURM_CI_PBS:-0}" = 1 ]; then
  if ! command -v qsub >/dev/null 2>&1; then
    [ "${SLURM_CI_NO_INSTALL:-0}" = 1 ] && die "qsub missing and SLURM_CI_NO_INSTALL=1"
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends slurm-wlm-torque >/dev/null
  fi
  install -d /etc/slurm/plugstack.conf.d
  echo "optional /usr/lib/x86_64-linux-gnu/slurm-wlm/spank_pbs.so # setup_slurm_localhost.sh" \
    > /etc/slurm/plugstack.conf.d/slurm-ci-pbs.conf
  log "PBS wrappers (qsub/qstat/qdel) + spank_pbs enabled"
fi

# ---------------------------------------------------------------- munge key
if [ ! -s /etc/munge/munge.key ]; then
  log "creating munge key"
  install -d -o munge -g munge -m 0700 /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
install -d -o munge -g munge -m 0755 /run/munge
install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge

# ---------------------------------------------------------------- slurm.conf
REAL_CPUS=$(nproc --all)
CPUS=${SLURM_CI_CPUS:-$REAL_CPUS}
MEM_MB=$(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo)
MEM_MB=$(( MEM_MB * 95 / 100 ))          # leave slack: RealMemory > actual drains the node
OVERRIDES=""
[ "$CPUS" -gt "$REAL_CPUS" ] && OVERRIDES="SlurmdParameters=config_overrides"

install -d -m 0755 /etc/slurm "$SLURM_CI_DIR" "$SLURM_CI_DIR/ctld" "$SLURM_CI_DIR/d"
NEWCONF=$(mktemp)
cat > "$NEWCONF" <<EOF
# written by setup_slurm_localhost.sh - single-node test cluster
ClusterName=ci
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# requeued jobs wait cred_expire seconds before they are eligible again (default 120)
AuthInfo=cred_expire=10
StateSaveLocation=$SLURM_CI_DIR/ctld
SlurmdSpoolDir=$SLURM_CI_DIR/d
SlurmctldPidFile=$SLURM_CI_DIR/slurmctld.pid
SlurmdPidFile=$SLURM_CI_DIR/slurmd.pid
SlurmctldLogFile=$SLURM_CI_DIR/slurmctld.log
SlurmdLogFile=$SLURM_CI_DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
MailProg=/bin/true
# no cgroups: plain process tracking, no task binding
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$SLURM_CI_DIR/jobcomp.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=bf_interval=2,sched_interval=5
MpiDefault=none
ReturnToService=2
EnforcePartLimits=ALL
MinJobAge=3600
KillWait=10
$OVERRIDES
NodeName=$NODE NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=$CPUS Sockets=1 CoresPerSocket=$CPUS ThreadsPerCore=1 RealMemory=$MEM_MB State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
conf_changed=0
if ! cmp -s "$NEWCONF" "$CONF" 2>/dev/null; then
  [ -f "$CONF" ] && cp "$CONF" "$CONF.bak.$(date +%s)"
  install -m 0644 "$NEWCONF" "$CONF"
  conf_changed=1
  log "wrote $CONF"
fi
rm -f "$NEWCONF"
# cgroup.conf is not read with proctrack/linuxproc + task/none; none written.

# ---------------------------------------------------------------- daemons
alive() {  # alive PIDFILE EXE-NAME  -> true if the pid in PIDFILE runs EXE-NAME
  local pid
  [ -s "$1" ] || return 1
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat /proc/$pid/comm)" = "$2" ]
}
stop_pidfile() {  # stop_pidfile PIDFILE EXE-NAME
  if alive "$1" "$2"; then
    local pid; pid=$(cat "$1"); kill "$pid"
    for _ in $(seq 1 200); do [ -d "/proc/$pid" ] || break; sleep 0.1; done   # slurmctld saves state: ~4 s
    if [ -d "/proc/$pid" ]; then kill -9 "$pid"; fi
  fi
  return 0
}

if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  log "munged already answering"
else
  log "starting munged"
  runuser -u munge -- /usr/sbin/munged --force
  for _ in $(seq 1 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n | unmunge >/dev/null || die "munged does not answer"
  cp /run/munge/munged.pid "$SLURM_CI_DIR/munged.pid"   # teardown stops only a munged we started
fi

if [ "$conf_changed" = 1 ]; then
  stop_pidfile "$SLURM_CI_DIR/slurmd.pid" slurmd
  stop_pidfile "$SLURM_CI_DIR/slurmctld.pid" slurmctld
fi
if alive "$SLURM_CI_DIR/slurmctld.pid" slurmctld; then
  log "slurmctld already running (pid $(cat "$SLURM_CI_DIR/slurmctld.pid"))"
else
  log "starting slurmctld"
  slurmctld || die "slurmctld failed; see $SLURM_CI_DIR/slurmctld.log"
fi
for _ in $(seq 1 100); do scontrol ping 2>/dev/null | grep -q 'is UP' && break; sleep 0.1; done
scontrol ping | grep -q 'is UP' || die "slurmctld not answering; tail $SLURM_CI_DIR/slurmctld.log"
if alive "$SLURM_CI_DIR/slurmd.pid" slurmd; then
  log "slurmd already running (pid $(cat "$SLURM_CI_DIR/slurmd.pid"))"
else
  log "starting slurmd -N $NODE"
  slurmd -N "$NODE" || die "slurmd failed; see $SLURM_CI_DIR/slurmd.log"
fi

# ---------------------------------------------------------------- node ready
state=""
for _ in $(seq 1 150); do
  state=$(sinfo -h -n "$NODE" -o %T 2>/dev/null || true)
  case "$state" in
    idle|mixed|allocated|completing|inval*) break ;;
    down*|drain*|fail*) scontrol update NodeName="$NODE" State=RESUME 2>/dev/null || true ;;
  esac
  sleep 0.2
done
case "$state" in idle|mixed|allocated|completing) ;; *)
  sinfo -R; die "node $NODE not usable (state '$state'); see $SLURM_CI_DIR/slurmd.log" ;;
esac
log "cluster up: $(sinfo -h -o '%P %a %D %T %N %c CPUs')"

# ---------------------------------------------------------------- smoke test
if [ "$SLURM_CI_SMOKE" = 1 ]; then
  W=$SLURM_CI_DIR/smoke; install -d "$W"
  out=$(srun -n 2 hostname) || die "srun -n 2 hostname failed"
  [ "$(echo "$out" | wc -l)" = 2 ] || die "srun -n 2 hostname printed: $out"
  log "srun -n 2 hostname ok"
  cat > "$W/mpi_hello.c" <<'EOF'
#include <mpi.h>
#include <stdio.h>
int main(int argc, char **argv) {
  int rank, size, one = 1, sum = 0;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Allreduce(&one, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  printf("rank %d of %d sum %d\n", rank, size, sum);
  MPI_Finalize();
  return sum == size ? 0 : 1;
}
EOF
  mpicc -O1 -o "$W/mpi_hello" "$W/mpi_hello.c"
  cat > "$W/smoke.sbatch" <<'EOF'
#!/bin/bash
#SBATCH --job-name=smoke
#SBATCH --ntasks=1
#SBATCH --time=00:02:00
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpirun -n 3 --oversubscribe ./mpi_hello
EOF
  rm -f "$W"/smoke-*.out
  # poll instead of `sbatch --wait`: --wait re-checks only after 2, 10, 42... s
  jid=$(cd "$W" && sbatch --parsable -o 'smoke-%j.out' smoke.sbatch) || die "sbatch failed"
  st=""
  for _ in $(seq 1 600); do
    st=$(scontrol show job "$jid" 2>/dev/null | grep -oE 'JobState=[A-Z_]+' | cut -d= -f2)
    case "$st" in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE) break ;; esac
    sleep 0.2
  done
  [ "$st" = COMPLETED ] || { cat "$W/smoke-$jid.out" 2>/dev/null; die "smoke MPI job $jid ended $st"; }
  n=$(grep -c 'of 3 sum 3' "$W/smoke-$jid.out" || true)
  [ "$n" = 3 ] || { cat "$W/smoke-$jid.out"; die "smoke MPI job: expected 3 rank lines"; }
  log "sbatch job $jid (mpirun -n 3) COMPLETED"
fi
log "done"
