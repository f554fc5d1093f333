#!/bin/sh
# Lays out under OUT everything the site image adds to its base, so the final stage of
# nginx/Dockerfile copies it in one layer. Runs in the build stage with the base image's busybox.
#
# Usage: assemble.sh SRC OUT   (SRC holds nginx/ and site/ from the build context)
# Reads IMAGE_VERSION, IMAGE_REVISION and IMAGE_CREATED for build-info.json.
set -eu

src=$1
out=$2
conf_dir="$out/etc/nginx"
web_root="$out/usr/share/nginx/site"

mkdir -p "$conf_dir" "$web_root"
cp "$src/nginx/nginx.conf" "$src/nginx/nginx-host-logs.conf" "$conf_dir/"
cp -R "$src/nginx/site.d" "$conf_dir/site.d"
cp -R "$src/site/." "$web_root/"

# Name every asset after its content (site.css -> site.0123456789.css), so nginx can tell browsers
# to cache it forever, and point the pages at the new names. The quotes around the old name keep
# it from matching inside a longer one.
for asset in "$web_root"/assets/*; do
  name=${asset##*/}
  hash=$(sha256sum "$asset" | cut -c1-10)
  hashed="${name%.*}.$hash.${name##*.}"
  mv "$asset" "$web_root/assets/$hashed"
  pattern=$(printf '%s' "$name" | sed 's/[.]/\\./g')
  find "$web_root" -name '*.html' -exec sed -i "s#\"/assets/$pattern\"#\"/assets/$hashed\"#g" {} +
done

# A page pointing at an asset that does not exist would ship broken, so fail the build instead.
find "$web_root" -name '*.html' -exec grep -oh '"/assets/[^"]*"' {} + | tr -d '"' | sort -u |
  while read -r ref; do
    if [ ! -f "$web_root$ref" ]; then
      echo "assemble.sh: a page references $ref, which does not exist" >&2
      exit 1
    fi
  done

json_string() {
  printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'
}
printf '{"version":"%s","revision":"%s","created":"%s"}\n' \
  "$(json_string "$IMAGE_VERSION")" \
  "$(json_string "$IMAGE_REVISION")" \
  "$(json_string "$IMAGE_CREATED")" >"$web_root/build-info.json"

# gzip_static sends these copies instead of compressing on every request. A copy that is not
# smaller than its original would only add bytes, so it is dropped.
find "$web_root" -type f \( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.svg' \
  -o -name '*.json' -o -name '*.txt' -o -name '*.xml' \) |
  while read -r file; do
    gzip -9 -n -k "$file"
    if [ "$(wc -c <"$file.gz")" -ge "$(wc -c <"$file")" ]; then
      rm "$file.gz"
    fi
  done

# nginx only reads these files: owned by root (the build runs as root), readable by everyone,
# writable by no one else.
chmod -R u=rwX,go=rX "$out"
