#!/usr/bin/env bash
# Builds a local stand-in for the official nginx:alpine-slim image, for hosts that cannot pull it.
#
# The stand-in reuses the host's Debian nginx and a static busybox, laid out where the official
# image keeps things (nginx user 101, /etc/nginx, /usr/share/nginx/html, logs symlinked to
# stdout/stderr, an entrypoint that our Dockerfile must reset), so nginx/Dockerfile builds and runs
# on it unchanged:
#   DOCKER_BUILDKIT=0 docker build -f nginx/Dockerfile --build-arg BASE_IMAGE=<printed name> .
# It is only for offline tests: it is nginx 1.22 on glibc, not the pinned release on musl.
#
# Prints the image name. Set NGINX_STANDIN_IMAGE to choose another one. Skips the work when an
# image built from the same inputs already exists.
set -euo pipefail

image="${NGINX_STANDIN_IMAGE:-localhost/nginx-standin:1.22}"
nginx_bin=/usr/sbin/nginx
busybox_bin=/bin/busybox
inputs_label=nginx-standin.inputs-sha256

if [[ ! -x "$nginx_bin" || ! -x "$busybox_bin" ]] || ! dpkg-query -W busybox-static >/dev/null 2>&1; then
  apt-get install -y -qq --no-install-recommends nginx-light busybox-static >/dev/null
fi

# Any change to this script or to the binaries it copies must produce a new image.
inputs_sha256="$(
  {
    sha256sum "${BASH_SOURCE[0]}"
    sha256sum "$nginx_bin" "$busybox_bin"
  } | cut -d' ' -f1 | sha256sum | cut -d' ' -f1
)"
existing="$(docker image inspect -f "{{ index .Config.Labels \"$inputs_label\" }}" "$image" 2>/dev/null || true)"
if [[ "$existing" == "$inputs_sha256" ]]; then
  echo "$image"
  exit 0
fi

rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT
umask 022

mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc/nginx/conf.d,usr/share/nginx/html,run,root,dev,proc,sys}
mkdir -p "$rootfs"/var/{cache/nginx,log/nginx}
# The temp paths Debian's nginx was compiled with; it creates only their last component itself.
mkdir -p "$rootfs"/var/lib/nginx/{body,fastcgi,proxy,scgi,uwsgi}
install -d -m 1777 "$rootfs/tmp"
chmod 700 "$rootfs/root"
ln -s /run "$rootfs/var/run"

cp "$nginx_bin" "$rootfs/usr/sbin/nginx"
# ldd lists both "name => /path (addr)" libraries and the bare "/path (addr)" loader; -L copies
# the files behind the host's merged-/usr symlinks.
ldd "$nginx_bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
  while read -r lib; do
    cp -L --parents "$lib" "$rootfs"
  done

cp "$busybox_bin" "$rootfs/bin/busybox"
# Link every applet, as Alpine does, so build steps may use any of them.
"$busybox_bin" --list-full | while read -r applet; do
  [[ -e "$rootfs/$applet" || -L "$rootfs/$applet" ]] || ln -s /bin/busybox "$rootfs/$applet"
done

cat >"$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
EOF
cat >"$rootfs/etc/group" <<'EOF'
root:x:0:
nginx:x:101:nginx
nogroup:x:65534:
EOF

ln -s /dev/stdout "$rootfs/var/log/nginx/access.log"
ln -s /dev/stderr "$rootfs/var/log/nginx/error.log"

cp /etc/nginx/mime.types "$rootfs/etc/nginx/mime.types"
cat >"$rootfs/etc/nginx/nginx.conf" <<'EOF'
user nginx;
worker_processes auto;

error_log /var/log/nginx/error.log notice;
pid /run/nginx.pid;

events {
    worker_connections 1024;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;

    log_format main '$remote_addr - $remote_user [$time_local] "$request" '
                    '$status $body_bytes_sent "$http_referer" "$http_user_agent"';
    access_log /var/log/nginx/access.log main;

    sendfile on;
    keepalive_timeout 65;

    include /etc/nginx/conf.d/*.conf;
}
EOF
cat >"$rootfs/etc/nginx/conf.d/default.conf" <<'EOF'
server {
    listen 80;
    server_name localhost;

    location / {
        root /usr/share/nginx/html;
        index index.html;
    }

    error_page 500 502 503 504 /50x.html;
    location = /50x.html {
        root /usr/share/nginx/html;
    }
}
EOF
cat >"$rootfs/usr/share/nginx/html/index.html" <<'EOF'
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>nginx stand-in</title></head>
<body><h1>nginx stand-in</h1><p>The default page of a local stand-in for nginx:alpine-slim.</p></body>
</html>
EOF
cat >"$rootfs/usr/share/nginx/html/50x.html" <<'EOF'
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Error</title></head>
<body><h1>An error occurred.</h1><p>The server could not complete the request.</p></body>
</html>
EOF
# The official entrypoint runs /docker-entrypoint.d scripts before nginx; having one here keeps the
# image config alike, so tests can see that our image resets it.
cat >"$rootfs/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
exec "$@"
EOF
chmod 755 "$rootfs/docker-entrypoint.sh"

# This daemon's `docker import --change` rejects STOPSIGNAL, so the whole image config comes from
# a metadata-only build on top of the imported filesystem instead.
rootfs_id="$(tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -cf - . | docker import -)"
# The legacy builder warns on stderr that it is deprecated; show its output only when it fails.
if ! build_log="$(DOCKER_BUILDKIT=0 docker build -q -t "$image" - 2>&1 <<EOF
FROM $rootfs_id
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LABEL org.opencontainers.image.description="Stand-in for nginx:alpine-slim built from Debian's nginx for offline tests" \\
      $inputs_label="$inputs_sha256"
EXPOSE 80
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD ["nginx", "-g", "daemon off;"]
EOF
)"; then
  echo "$build_log" >&2
  exit 1
fi

echo "$image"
