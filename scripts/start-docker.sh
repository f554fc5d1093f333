#!/usr/bin/env bash
# Starts a Docker engine on machines that have the binaries but no init system to run them
# (CI containers, fresh VMs). Does nothing when a daemon already answers.
set -euo pipefail

if docker info >/dev/null 2>&1; then
  exit 0
fi

log_dir=${DOCKERD_LOG_DIR:-/tmp/dockerd}
mkdir -p "$log_dir"
# containerd comes with docker.io; dockerd starts its own when none is running.
nohup dockerd --storage-driver=overlay2 >"$log_dir/dockerd.log" 2>&1 &

for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    exit 0
  fi
  sleep 1
done

echo "dockerd did not answer within 60 s; its log follows:" >&2
tail -n 40 "$log_dir/dockerd.log" >&2
exit 1
