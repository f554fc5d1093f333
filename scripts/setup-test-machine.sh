#!/usr/bin/env bash
# Prepares a bare Debian machine (CI, a fresh VM) to run the full test suite: Docker engine,
# the stand-in base image, wrk, Chromium and the dockle image linter. Safe to run again:
# every step checks first and skips what is already there.
#
# On a workstation with Docker Desktop or docker-ce, none of this is needed except the
# stand-in base image when the official one cannot be pulled.
set -euo pipefail
cd "$(dirname "$0")/.."

tools_cache=${NGINX_SITE_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nginx-site-tools}
apt_packages=(docker.io busybox-static nginx-light wrk chromium fonts-dejavu-core curl ca-certificates)

step() { printf '\n==> %s\n' "$*"; }

install_apt_packages() {
  local missing=()
  for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "all present"
    return
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "installed ${missing[*]}"
}

# dockle audits the built image against CIS Docker benchmark rules. It is a Go module, so it is
# built once per version and kept outside the repository.
build_dockle() {
  local version=v0.4.15
  local binary=$tools_cache/dockle-$version/dockle
  if [ ! -x "$binary" ]; then
    local module_dir
    module_dir=$(mktemp -d)
    cp scripts/dockle/go.mod scripts/dockle/go.sum scripts/dockle/tools.go "$module_dir/"
    (cd "$module_dir" && CGO_ENABLED=0 go build -o "$binary" github.com/goodwithtech/dockle/cmd/dockle)
    rm -rf "$module_dir"
  fi
  mkdir -p "$tools_cache/bin"
  ln -sf "$binary" "$tools_cache/bin/dockle"
  echo "$("$binary" --version)"
}

step "Debian packages"
install_apt_packages

step "Docker engine"
bash scripts/start-docker.sh
docker version --format 'client {{.Client.Version}}, daemon {{.Server.Version}}'

step "Stand-in base image (the official nginx image cannot be pulled offline)"
bash scripts/make-standin-base.sh

step "dockle"
if command -v go >/dev/null 2>&1; then
  build_dockle || echo "dockle could not be built; its audit test will be skipped"
else
  echo "no Go toolchain; the dockle audit test will be skipped"
fi
