#!/usr/bin/env bash
# Runs a Pulumi command on one of this project's stacks with no account anywhere: state goes to
# the local backend (~/.pulumi) unless you already chose one, and the stack is created on first use.
#   scripts/pulumi-stack.sh dev up        scripts/pulumi-stack.sh prod preview
#   scripts/pulumi-stack.sh dev destroy   (extra arguments go to pulumi)
set -euo pipefail
cd "$(dirname "$0")/.."

stack=${1:?usage: scripts/pulumi-stack.sh <dev|prod> <up|preview|destroy|...> [pulumi flags]}
command=${2:?usage: scripts/pulumi-stack.sh <dev|prod> <up|preview|destroy|...> [pulumi flags]}
shift 2

if ! command -v pulumi >/dev/null 2>&1; then
  echo "The Pulumi CLI is not on PATH; install it: https://www.pulumi.com/docs/install/" >&2
  exit 1
fi
[ -d node_modules ] || npm ci --no-audit --no-fund

# A backend chosen by `pulumi login` or PULUMI_BACKEND_URL always wins.
if [ -z "${PULUMI_BACKEND_URL:-}" ] && ! pulumi whoami >/dev/null 2>&1; then
  export PULUMI_BACKEND_URL="file://~"
fi

# The dev stack holds no secrets, so its passphrase may be empty; prod's protects the registry token.
if [ "$stack" = dev ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
  export PULUMI_CONFIG_PASSPHRASE=${PULUMI_CONFIG_PASSPHRASE-}
fi

pulumi stack select --create "$stack" >/dev/null
exec pulumi "$command" --stack "$stack" "$@"
