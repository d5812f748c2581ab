#!/bin/sh
# release-bundle.sh BUILD_DIR — packs a software release bundle (docs/updates.md, "Software releases")
# from a built tree: bin/lotsen, bin/lotsen-hub when built, share/lotsen/ (string tables and the demo
# catalogue; fonts come from the system's fonts-noto-core) and RELEASE, whose first line names the
# release (the project version and the commit, e.g. "0.1.0+gae681dd") and whose second line is
# `git describe`. Writes BUILD_DIR/lotsen-release-<name>.tar.gz and prints its path.
#
# Reproducible: members sorted by name, owner 0:0, modes 0755/0644, every time set to the commit's
# time, no gzip time stamp — the same build gives the same bytes. `lotsen-hub publish release` and the
# kiosk check it with core/release/release_bundle (no "..", no absolute paths, no links leaving the tree).
set -eu

build_dir=${1:?usage: release-bundle.sh BUILD_DIR}
source_dir=$(cd "$(dirname "$0")/.." && pwd)
program="$build_dir/bin/lotsen"
[ -x "$program" ] || { echo "release-bundle: $program is not built" >&2; exit 1; }

version=$("$program" --version | sed -n 's/^lotsen //p')
[ -n "$version" ] || { echo "release-bundle: cannot read the version of $program" >&2; exit 1; }
commit=$(git -C "$source_dir" rev-parse --short HEAD 2>/dev/null || echo unknown)
describe=$(git -C "$source_dir" describe --always --dirty 2>/dev/null || echo unknown)
dirty=""
case "$describe" in *-dirty) dirty=".dirty" ;; esac
name="$version+g$commit$dirty"
epoch=$(git -C "$source_dir" log -1 --format=%ct 2>/dev/null || echo 0)

stage="$build_dir/release-bundle"
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/share/lotsen/demo"
cp "$program" "$stage/bin/lotsen"
[ -x "$build_dir/bin/lotsen-hub" ] && cp "$build_dir/bin/lotsen-hub" "$stage/bin/lotsen-hub"
cp -R "$source_dir/assets/i18n" "$stage/share/lotsen/i18n"
cp "$source_dir/assets/demo/catalogue.json" "$stage/share/lotsen/demo/catalogue.json"
printf '%s\n%s\n' "$name" "$describe" > "$stage/RELEASE"
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/bin/"*

out="$build_dir/lotsen-release-$name.tar.gz"
tar --format=pax --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
    -C "$stage" -cf - RELEASE bin share | gzip -9n > "$out.tmp"
mv "$out.tmp" "$out"
rm -rf "$stage"
echo "$out"
