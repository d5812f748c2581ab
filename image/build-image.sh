#!/bin/bash
# build-image.sh — builds the Raspberry Pi (arm64) SD card image from image/lotsen-rpi.yaml with vmdb2,
# or, with --check, validates the recipe without building anything.
#
#   image/build-image.sh [OUT_DIR]      (as root; `make image`; needs the arm64 .deb, see below)
#   image/build-image.sh --check        (`make image-check`: recipe, scripts and units, no root needed)
#
# Building needs, on a Debian 12 machine: vmdb2, qemu-user-static with binfmt_misc registered for
# aarch64 (binfmt-support does it), dosfstools, kpartx, parted, and build-arm64-deb/packages/
# lotsen_*_arm64.deb (`make image` cross-builds it). LOTSEN_IMAGE_CONFIG=FILE puts FILE in the image as
# /etc/lotsen/lotsen.toml (the fleet's configuration; otherwise the demo one). Takes 20-40 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
recipe=image/lotsen-rpi.yaml

check() {
    local failed=0 workdir
    workdir=$(mktemp -d)
    trap 'rm -rf "$workdir"' RETURN
    echo "== $recipe: YAML and vmdb2 step keys"
    # Every key of every step must be one vmdb2's plugins declare (get_key_spec), so a typo fails here
    # rather than twenty minutes into a build.
    local plugins
    plugins=$(dirname "$(dpkg -L vmdb2 | grep -m1 '/mkpart_plugin.py$')")
    python3 - "$recipe" "$workdir" "$plugins" <<'PY' || failed=1
import glob, os, re, sys, yaml
recipe, workdir, plugins = sys.argv[1], sys.argv[2], sys.argv[3]
known = set()
for path in glob.glob(os.path.join(plugins, "*_plugin.py")):
    source = open(path).read()
    for spec in re.findall(r"def get_key_spec\(self\):\s*return\s*(\{.*?\})", source, re.S):
        known.update(re.findall(r'"([a-z-]+)"\s*:', spec))
    known.update(("unless",))
steps = yaml.safe_load(open(recipe))["steps"]
bad = 0
for number, step in enumerate(steps, 1):
    unknown = sorted(set(step) - known)
    if unknown:
        print(f"   step {number}: unknown key(s) {unknown}")
        bad += 1
    if "shell" in step:
        with open(os.path.join(workdir, f"step-{number:02d}.sh"), "w") as out:
            out.write("#!/bin/sh\n" + step["shell"])
print(f"   {len(steps)} steps, {len(known)} keys known to vmdb2 {vmdb_version}" if False else f"   {len(steps)} steps, every key known to this vmdb2")
sys.exit(1 if bad else 0)
PY
    echo "== shellcheck: the recipe's shell steps, the scripts it installs, this script"
    if shellcheck -s sh "$workdir"/step-*.sh image/rootfs/usr/local/sbin/lotsen-grow-state &&
        shellcheck "$0" image/loop-kpartx/kpartx; then
        echo "   $(find "$workdir" -name 'step-*.sh' | wc -l) shell steps and lotsen-grow-state: clean"
    else
        failed=1
    fi
    echo "== systemd-analyze verify: the unit the image adds (lotsen.service: make deb-test verifies it)"
    # The script it runs is not installed here: point ExecStart= at the source tree's copy.
    sed "s|^ExecStart=/usr/local/sbin/|ExecStart=$PWD/image/rootfs/usr/local/sbin/|" \
        image/rootfs/etc/systemd/system/lotsen-grow-state.service > "$workdir/lotsen-grow-state.service"
    if systemd-analyze verify "$workdir/lotsen-grow-state.service"; then
        echo "   lotsen-grow-state.service: clean"
    else
        failed=1
    fi
    echo "== packages the recipe installs, as Debian 12 arm64 knows them (apt-cache, main only here)"
    local packages
    packages=$(python3 -c 'import sys, yaml; print(" ".join(p for s in yaml.safe_load(open(sys.argv[1]))["steps"] if "apt" in s for p in s["packages"]))' "$recipe")
    for p in $packages; do
        case $p in raspi-firmware | firmware-brcm80211) echo "   $p: in non-free-firmware (not checked here)"; continue ;; esac
        if ! apt-cache show "$p:arm64" > /dev/null 2>&1 && ! apt-cache show "$p" > /dev/null 2>&1; then
            echo "   $p: not found"
            failed=1
        fi
    done
    echo "   the rest found"
    echo "== vmdb2 $(dpkg-query -W -f='${Version}' vmdb2) is installed"
    [ "$failed" -eq 0 ] && echo "image-check: recipe valid" || echo "image-check: FAILED"
    return "$failed"
}

if [ "${1:-}" = --check ]; then
    check
    exit
fi

OUT_DIR=${1:-build-image}
[ "$(id -u)" -eq 0 ] || { echo "build-image: needs root (loop devices, mounts)" >&2; exit 2; }
for tool in vmdb2 qemu-aarch64-static kpartx parted mkfs.vfat mkfs.ext4 mcopy zerofree; do
    command -v "$tool" > /dev/null || { echo "build-image: $tool is missing (make image installs it)" >&2; exit 2; }
done
# The arm64 root runs its package scripts (and the recipe's chroot step) through qemu, found by the kernel
# through binfmt_misc. The registration needs the F (fix-binary) flag: the kernel then opens qemu when it
# is registered, so qemu need not exist inside the chroot. Register it when it is missing (a container
# has binfmt_misc but nobody ran binfmt-support's or systemd-binfmt's registration at boot).
binfmt=/proc/sys/fs/binfmt_misc
if [ ! -e $binfmt/qemu-aarch64 ]; then
    [ -e $binfmt/register ] || mount -t binfmt_misc binfmt_misc $binfmt || true
    if command -v update-binfmts > /dev/null && update-binfmts --enable qemu-aarch64 2> /dev/null; then
        echo "build-image: registered qemu-aarch64 with binfmt_misc (update-binfmts --enable)"
    elif [ -e $binfmt/register ] && [ -f /usr/lib/binfmt.d/qemu-aarch64.conf ]; then
        cat /usr/lib/binfmt.d/qemu-aarch64.conf > $binfmt/register
        echo "build-image: registered qemu-aarch64 with binfmt_misc (/usr/lib/binfmt.d/qemu-aarch64.conf)"
    fi
fi
if [ ! -e $binfmt/qemu-aarch64 ] || ! grep -q '^enabled' $binfmt/qemu-aarch64; then
    echo "build-image: binfmt_misc has no enabled qemu-aarch64 entry, so the arm64 root cannot run its package scripts." >&2
    echo "  mount -t binfmt_misc binfmt_misc $binfmt; then update-binfmts --enable qemu-aarch64 (binfmt-support)" >&2
    exit 2
fi
grep -q '^flags:.*F' $binfmt/qemu-aarch64 ||
    { echo "build-image: the qemu-aarch64 binfmt entry lacks the F flag (qemu-user-static registers it with F)" >&2; exit 2; }
# vmdb2 maps the partitions with kpartx, which needs device-mapper. Without it (containers, some VMs),
# image/loop-kpartx/kpartx stands in with one plain loop device per partition.
if ! dmsetup version > /dev/null 2>&1; then
    echo "build-image: no device-mapper here; partitions go on plain loop devices (image/loop-kpartx/kpartx)"
    PATH=$PWD/image/loop-kpartx:$PATH
fi
ls build-arm64-deb/packages/lotsen_*_arm64.deb > /dev/null 2>&1 ||
    { echo "build-image: no build-arm64-deb/packages/lotsen_*_arm64.deb (make image builds it)" >&2; exit 2; }
check > /dev/null || { echo "build-image: the recipe does not pass image/build-image.sh --check" >&2; exit 1; }

mkdir -p "$OUT_DIR"
image="$OUT_DIR/lotsen-rpi-arm64.img"
# vmdb2 undoes its mounts and mappings itself, also on failure; this catches a killed vmdb2.
cleanup() {
    local loop
    for loop in $(losetup --noheadings --output NAME --associated "$image" 2> /dev/null); do
        grep -q "^$loop " /proc/mounts && continue   # still mounted: vmdb2 is tearing down, or a user is looking
        rm -f /dev/mapper/lotsen-"$(basename "$loop")"-part*
        losetup --detach "$loop" || true
    done
}
trap cleanup EXIT
echo "== vmdb2 $recipe -> $image (log: $OUT_DIR/vmdb2.log)"
vmdb2 --verbose --output="$image" --log="$OUT_DIR/vmdb2.log" "$recipe"
echo "== compressing"
xz -T0 -f -k "$image"
echo "build-image: $image.xz — write it with: xzcat $image.xz | dd of=/dev/sdX bs=4M conv=fsync status=progress"
