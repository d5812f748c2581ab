#!/bin/bash
# inspect-image.sh — checks a built Pi image without a Pi: attaches its partitions read-only (one loop
# device each, by byte offset: no device-mapper or partition scan needed), mounts the two ext4 ones
# read-only, reads the FAT boot partition with mtools (no vfat in the kernel needed), and checks what
# image/README.md promises. Runs the image's own arm64 `lotsen --version` through qemu-user (binfmt_misc).
#
#   image/inspect-image.sh [IMAGE]      (as root; `make image-inspect`; default build-image/lotsen-rpi-arm64.img)
#
# Prints one line per check and "N passed, N failed"; exits 1 when any failed. Changes nothing in IMAGE.
# shellcheck disable=SC2016 # dpkg-query formats and sh -c scripts are single-quoted on purpose
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:-build-image/lotsen-rpi-arm64.img}
[ "$(id -u)" -eq 0 ] || { echo "inspect-image: needs root (loop devices, mounts)" >&2; exit 2; }
[ -f "$image" ] || { echo "inspect-image: no $image (make image builds it)" >&2; exit 2; }

work=$(mktemp -d)
loops=()
cleanup() {
    local loop
    for dir in "$work/state" "$work/root"; do mountpoint -q "$dir" && umount "$dir"; done
    for loop in "${loops[@]}"; do losetup --detach "$loop" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@" > "$work/out" 2>&1; then
        passed=$((passed + 1))
        printf '   ok    %s\n' "$what"
    else
        failed=$((failed + 1))
        printf '   FAIL  %s\n' "$what"
        sed 's/^/         | /' "$work/out" | head -5
    fi
}

echo "== $image: $(du -h --apparent-size "$image" | cut -f1) ($(du -h "$image" | cut -f1) allocated)"
parted -m -s "$image" unit B print | tail -n +3 | while IFS=: read -r n start _end size fs _name flags; do
    printf '   partition %s: %6s MiB at %5s MiB, %s %s\n' "$n" "$((${size%B} / 1048576))" "$((${start%B} / 1048576))" "$fs" "${flags%;}"
done
offset() { parted -m -s "$image" unit B print | awk -F: -v n="$1" '$1 == n { sub("B", "", $2); print $2 }'; }
size() { parted -m -s "$image" unit B print | awk -F: -v n="$1" '$1 == n { sub("B", "", $4); print $4 }'; }
attach() { losetup --find --show --read-only --offset "$(offset "$1")" --sizelimit "$(size "$1")" "$image"; }
root_dev=$(attach 2)
loops+=("$root_dev")
state_dev=$(attach 3)
loops+=("$state_dev")
mkdir -p "$work/root" "$work/state"
mount -o ro,noload "$root_dev" "$work/root"
mount -o ro,noload "$state_dev" "$work/state"
root=$work/root
boot="$image@@$(offset 1)"
export MTOOLS_SKIP_CHECK=1

echo "== labels"
check "partition 1 is FAT, label LOTSEN_BOOT" sh -c "minfo -i '$boot' :: | grep -q 'label=\\\"LOTSEN_BOOT\\\"'"
check "partition 2 is ext4, label LOTSEN_ROOT" sh -c "[ \"\$(blkid -o value -s LABEL $root_dev)\" = LOTSEN_ROOT ]"
check "partition 3 is ext4, label LOTSEN_STATE" sh -c "[ \"\$(blkid -o value -s LABEL $state_dev)\" = LOTSEN_STATE ]"

echo "== packages (dpkg --admindir of the image)"
dpkg_q() { dpkg-query --admindir="$root/var/lib/dpkg" "$@"; }
echo "   $(dpkg_q -W -f='${Status}\n' | grep -c 'install ok installed') packages installed;" \
     "lotsen $(dpkg_q -W -f='${Version} ${Architecture}' lotsen 2>/dev/null || echo '(none)')"
for p in lotsen linux-image-arm64 raspi-firmware firmware-brcm80211 systemd-sysv libgl1-mesa-dri libegl-mesa0 libgl1 libglx-mesa0 libgles2 libgbm1; do
    check "$p installed" sh -c "dpkg-query --admindir='$root/var/lib/dpkg' -W -f='\${Status}' $p | grep -q 'install ok installed'"
done
check "lotsen-hub not installed (kiosk image)" sh -c "! dpkg-query --admindir='$root/var/lib/dpkg' -W -f='\${Status}' lotsen-hub 2>/dev/null | grep -q installed"
check "no apt lists or .deb cache left" sh -c "[ -z \"\$(find '$root/var/lib/apt/lists' '$root/var/cache/apt/archives' -name '*_*' 2>/dev/null)\" ]"

echo "== the kiosk"
check "user lotsen (system, nologin) in video render input audio" sh -c "
    grep -q '^lotsen:[^:]*:[0-9]*:[0-9]*:.*:/usr/sbin/nologin$' '$root/etc/passwd' &&
    for g in video render input audio; do grep -q \"^\$g:.*[:,]lotsen\(,\|$\)\" '$root/etc/group' || exit 1; done"
check "default.target -> graphical.target" sh -c "readlink '$root/etc/systemd/system/default.target' | grep -q 'graphical.target$'"
check "lotsen.service enabled (graphical.target.wants)" test -L "$root/etc/systemd/system/graphical.target.wants/lotsen.service"
check "lotsen.service draws through KMS/DRM (no compositor)" sh -c "grep -q '^Environment=SDL_VIDEODRIVER=kmsdrm' '$root/lib/systemd/system/lotsen.service' && grep -q '^ExecStart=/usr/bin/lotsen ' '$root/lib/systemd/system/lotsen.service'"
check "lotsen-grow-state.service enabled" test -L "$root/etc/systemd/system/multi-user.target.wants/lotsen-grow-state.service"
for u in systemd-networkd systemd-resolved systemd-timesyncd; do
    check "$u enabled" sh -c "ls '$root'/etc/systemd/system/*.wants/$u.service"
done
check "/etc/lotsen/lotsen.toml root:lotsen 0640 (numeric ids of the image)" sh -c \
    "[ \"\$(stat -c '%a %u %g' '$root/etc/lotsen/lotsen.toml')\" = \"640 0 \$(awk -F: '\$1 == \"lotsen\" { print \$3 }' '$root/etc/group')\" ]"
check "lotsen --version runs (arm64, qemu-user)" chroot "$root" /usr/bin/lotsen --version
echo "   $(chroot "$root" /usr/bin/lotsen --version 2>&1 | head -1)"

echo "== read-only root, writable state"
check "fstab: / ro" grep -Eq '^LABEL=LOTSEN_ROOT[[:space:]]+/[[:space:]]+ext4[[:space:]]+ro,' "$root/etc/fstab"
check "fstab: /boot/firmware ro" grep -Eq '^LABEL=LOTSEN_BOOT[[:space:]]+/boot/firmware[[:space:]]+vfat[[:space:]]+ro,' "$root/etc/fstab"
check "fstab: /var/lib/lotsen rw on LOTSEN_STATE" grep -Eq '^LABEL=LOTSEN_STATE[[:space:]]+/var/lib/lotsen[[:space:]]+ext4[[:space:]]+rw,' "$root/etc/fstab"
for d in /tmp /var/tmp /var/log /var/lib/systemd /var/lib/private; do
    check "fstab: $d tmpfs" grep -Eq "^tmpfs[[:space:]]+${d}[[:space:]]+tmpfs" "$root/etc/fstab"
done
check "journal volatile" grep -q '^Storage=volatile' "$root/etc/systemd/journald.conf.d/lotsen-volatile.conf"
check "/etc/machine-id empty" sh -c "[ -f '$root/etc/machine-id' ] && [ ! -s '$root/etc/machine-id' ]"
check "root locked" grep -q '^root:!' "$root/etc/shadow"
check "state partition root owned by lotsen, 0750" sh -c "[ \"\$(stat -c '%a %u' '$work/state')\" = \"750 \$(awk -F: '\$1 == \"lotsen\" { print \$3 }' '$root/etc/passwd')\" ]"
check "/boot/firmware in the root is an empty mount point" sh -c "[ -d '$root/boot/firmware' ] && [ -z \"\$(ls -A '$root/boot/firmware')\" ]"
check "resolv.conf -> resolved's stub" sh -c "readlink '$root/etc/resolv.conf' | grep -q stub-resolv.conf"

echo "== watchdog and blanking"
check "RuntimeWatchdogSec=15s" grep -q '^RuntimeWatchdogSec=15s' "$root/etc/systemd/system.conf.d/lotsen-watchdog.conf"
check "NAutoVTs=0" grep -q '^NAutoVTs=0' "$root/etc/systemd/logind.conf.d/lotsen-kiosk.conf"
mtype -i "$boot" ::cmdline.txt > "$work/cmdline.txt"
echo "   cmdline.txt: $(cat "$work/cmdline.txt")"
check "cmdline.txt: consoleblank=0" grep -qw 'consoleblank=0' "$work/cmdline.txt"
check "cmdline.txt: root=LABEL=LOTSEN_ROOT" grep -qw 'root=LABEL=LOTSEN_ROOT' "$work/cmdline.txt"

echo "== boot partition (mtools)"
mdir -i "$boot" -b :: > "$work/boot-files"
echo "   $(wc -l < "$work/boot-files") entries; $(mdu -i "$boot" -s :: 2>/dev/null | tail -1)"
for f in config.txt start4.elf fixup4.dat bootcode.bin bcm2711-rpi-4-b.dtb bcm2837-rpi-3-b.dtb; do
    check "$f on the boot partition" grep -qx "::/$f" "$work/boot-files"
done
check "kernel (vmlinuz-*) and initrd (initrd.img-*) on the boot partition" sh -c "grep -q '^::/vmlinuz-' '$work/boot-files' && grep -q '^::/initrd.img-' '$work/boot-files'"
mtype -i "$boot" ::config.txt > "$work/config.txt"
check "config.txt: arm_64bit=1, kernel and initramfs named" sh -c "grep -q '^arm_64bit=1' '$work/config.txt' && grep -q '^kernel=vmlinuz-' '$work/config.txt' && grep -q '^initramfs initrd.img-' '$work/config.txt'"
check "config.txt: disable_splash=1 (rootfs/etc/default/raspi-firmware-custom)" grep -q '^disable_splash=1' "$work/config.txt"

echo
echo "inspect-image: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
