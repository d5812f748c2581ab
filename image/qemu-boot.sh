#!/bin/bash
# qemu-boot.sh — boots a built Pi image's own arm64 kernel and initramfs (taken from its boot partition
# with mtools) under qemu-system-aarch64 -M virt, root on the image as a virtio disk, and shows what
# systemd did with the kiosk's units. Not a Pi: no VideoCore, no HDMI, no touch, so lotsen.service is
# expected to fail (cage finds no display); what this shows is that the image boots read-only, mounts its
# state partition, feeds a watchdog (an emulated i6300esb stands in for the Pi's) and starts the kiosk.
#
#   image/qemu-boot.sh [IMAGE] [SECONDS]    (`make image-boot`; default build-image/lotsen-rpi-arm64.img, 600)
#
# The image is opened with -snapshot: nothing is written to it. The console log is left in
# build-image/qemu-boot.log. Needs qemu-system-arm (Debian's package for qemu-system-aarch64) and mtools.
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:-build-image/lotsen-rpi-arm64.img}
seconds=${2:-600}
log=build-image/qemu-boot.log
[ -f "$image" ] || { echo "qemu-boot: no $image (make image builds it)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
offset=$(parted -m -s "$image" unit B print | awk -F: '$1 == 1 { sub("B", "", $2); print $2 }')
export MTOOLS_SKIP_CHECK=1
kernel=$(mdir -i "$image@@$offset" -b :: | grep -m1 '^::/vmlinuz-' | sed 's|^::/||')
initrd=$(mdir -i "$image@@$offset" -b :: | grep -m1 '^::/initrd.img-' | sed 's|^::/||')
mcopy -n -i "$image@@$offset" "::$kernel" "::$initrd" "$work/"
echo "== booting $kernel with $initrd from $image under qemu-system-aarch64 (TCG, at most $seconds s; log: $log)"

# The Pi's cmdline.txt names its serial console (ttyS1); virt's is ttyAMA0. The journal is in RAM and
# nobody can log in, so journald forwards to the console: the log then says why lotsen.service failed.
append="root=LABEL=LOTSEN_ROOT ro rootwait console=ttyAMA0 consoleblank=0 fsck.repair=yes systemd.show_status=1 systemd.journald.forward_to_console=1"
start=$SECONDS
timeout --foreground "$seconds" qemu-system-aarch64 -M virt -cpu cortex-a72 -smp 2 -m 1536 -nographic \
    -kernel "$work/$kernel" -initrd "$work/$initrd" -append "$append" \
    -drive "file=$image,format=raw,if=virtio,snapshot=on" \
    -device i6300esb -netdev user,id=net0 -device virtio-net-pci,netdev=net0,romfile= \
    < /dev/null > "$log" 2>&1 || true
echo "   qemu ran $((SECONDS - start)) s"
grep -a -E 'Linux version|Run /init|EXT4-fs \(vda[23]\): mounted|Reached target|lotsen|Lotsen|[Ww]atchdog|Failed|login:' "$log" |
    tr -d '\r' | sed 's/\x1b\[[0-9;]*m//g' | head -80
