#!/usr/bin/env bash
# (Copied into pelcamp from the team's tested recipe for a one-node Slurm on localhost; used by
# tests/integration/slurm_cluster.sh.)
# teardown_slurm_localhost.sh - stop what setup_slurm_localhost.sh started.
# Stops slurmd, slurmctld and munged by the PIDs in their pid files (checking
# that each PID really is that daemon), never by name.
#   --purge-state   also delete $SLURM_CI_DIR (job state, logs) and slurm.conf
#   --purge-pkgs    also `apt-get purge` slurmctld slurmd slurm-client
#                   slurm-wlm-basic-plugins munge slurm-wlm-torque
#                   (Open MPI is left alone)
set -uo pipefail
SLURM_CI_DIR=${SLURM_CI_DIR:-/var/spool/slurm-ci}
PURGE_STATE=0; PURGE_PKGS=0
for a in "$@"; do
  case "$a" in
    --purge-state) PURGE_STATE=1 ;;
    --purge-pkgs)  PURGE_PKGS=1 ;;
    *) echo "usage: $0 [--purge-state] [--purge-pkgs]" >&2; exit 2 ;;
  esac
done

stop() {  # stop PIDFILE COMM
  local f=$1 comm=$2 pid
  [ -s "$f" ] || { echo "$comm: no pid file $f"; return 0; }
  pid=$(cat "$f")
  if [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = "$comm" ]; then
    kill "$pid"
    for _ in $(seq 1 100); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    if [ -d "/proc/$pid" ]; then echo "$comm ($pid) ignored TERM, sending KILL"; kill -9 "$pid"; fi
    echo "$comm ($pid) stopped"
  else
    echo "$comm: pid $pid from $f is not running (stale pid file)"
  fi
  rm -f "$f"
}

# jobs still running would be orphaned (slurmstepd children); cancel them first
if command -v scancel >/dev/null && [ -s "$SLURM_CI_DIR/slurmctld.pid" ]; then
  scancel --user=root 2>/dev/null || true
  scancel --state=PENDING 2>/dev/null || true
  sleep 1
fi
stop "$SLURM_CI_DIR/slurmd.pid" slurmd
stop "$SLURM_CI_DIR/slurmctld.pid" slurmctld
# only a munged that setup started (its pid copied to $SLURM_CI_DIR/munged.pid)
if [ -s "$SLURM_CI_DIR/munged.pid" ] && [ "$(cat "$SLURM_CI_DIR/munged.pid")" = "$(cat /run/munge/munged.pid 2>/dev/null)" ]; then
  stop /run/munge/munged.pid munged; rm -f "$SLURM_CI_DIR/munged.pid"
else
  echo "munged: not started by setup_slurm_localhost.sh, left running"
fi

if [ "$PURGE_STATE" = 1 ]; then
  rm -rf "$SLURM_CI_DIR"
  rm -f /etc/slurm/slurm.conf /etc/slurm/slurm.conf.bak.* /etc/slurm/plugstack.conf.d/slurm-ci-pbs.conf
  echo "removed $SLURM_CI_DIR and /etc/slurm/slurm.conf"
fi
if [ "$PURGE_PKGS" = 1 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 purge -y -qq \
    slurmctld slurmd slurm-client slurm-wlm-basic-plugins munge slurm-wlm-torque >/dev/null && echo "packages purged"
fi
exit 0
