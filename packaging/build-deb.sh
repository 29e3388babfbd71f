#!/usr/bin/env bash
# Builds an installable Debian package of keyroute from the packaged daemon:
#   ./mvnw -q -DskipTests package && packaging/build-deb.sh [OUTDIR]
# Layout: /usr/share/keyroute/{keyroute-daemon.jar,lib/}, /usr/bin/{keyrouted,keyroute,keyroute-java},
# /lib/systemd/system/keyrouted@.service, /etc/keyroute/ (configs, mode 0700).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/packaging/target}"
version="${KEYROUTE_VERSION:-0.1.0}"
jar="$root/daemon/target/keyroute-daemon.jar"
[ -f "$jar" ] || { echo "build-deb: $jar missing; run ./mvnw -q -DskipTests package first" >&2; exit 1; }
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
install -d "$stage/DEBIAN" "$stage/usr/share/keyroute/lib" "$stage/usr/bin" "$stage/lib/systemd/system" \
  "$stage/usr/share/doc/keyroute"
install -d -m 0700 "$stage/etc/keyroute"
install -m 0644 "$jar" "$stage/usr/share/keyroute/keyroute-daemon.jar"
install -m 0644 "$root"/daemon/target/lib/*.jar "$stage/usr/share/keyroute/lib/"
install -m 0755 "$root/bin/keyrouted" "$root/bin/keyroute" "$root/bin/keyroute-java" "$stage/usr/bin/"
install -m 0644 "$root/packaging/systemd/keyrouted@.service" "$stage/lib/systemd/system/"
install -m 0644 "$root/README.md" "$stage/usr/share/doc/keyroute/"
[ -d "$root/docs" ] && cp "$root"/docs/*.md "$stage/usr/share/doc/keyroute/"
size=$(du -ks "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" "$root/packaging/debian/control" > "$stage/DEBIAN/control"
install -m 0755 "$root/packaging/debian/postinst" "$root/packaging/debian/prerm" "$stage/DEBIAN/"
mkdir -p "$out"
deb="$out/keyroute_${version}_all.deb"
dpkg-deb --root-owner-group -Zgzip --build "$stage" "$deb" >/dev/null
echo "$deb"
