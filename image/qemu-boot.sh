#!/bin/bash
# qemu-boot.sh — boots a built Pi image's own arm64 kernel and initramfs (taken from its boot partition
# with mtools) under qemu-system-aarch64 -M virt, root on the image as a virtio disk, with an emulated
# screen (virtio-gpu, 800×480), a USB tablet as the touch device and an i6300esb watchdog in place of
# the Pi's, and checks that the image boots into the running kiosk:
#
#   - the kiosk service says READY=1 (its first frame is on the screen) — systemd's "Started lotsen.service";
#   - a screenshot of the emulated screen then, and another after a tap on "Find an activity";
#   - no restart and no watchdog kill for WatchdogSec + 15 s after that.
#
#   image/qemu-boot.sh [IMAGE] [SECONDS]    (`make image-boot`; default build-image/lotsen-rpi-arm64.img, 900)
#
# The image is opened with -snapshot: nothing is written to it. Left in build-image/: qemu-boot.log (the
# serial console; journald forwards to it, so the kiosk's own log is there too), qemu-screen-ready.png
# and qemu-screen-tap.png. Not a Pi: Mesa draws with its software kms_swrast driver on virtio-gpu
# instead of vc4/v3d, and everything runs under TCG, many times slower than a Pi 4. Needs
# qemu-system-arm (Debian's package for qemu-system-aarch64), mtools, parted and python3 (for QMP).
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:-build-image/lotsen-rpi-arm64.img}
seconds=${2:-900}
log=build-image/qemu-boot.log
[ -f "$image" ] || { echo "qemu-boot: no $image (make image builds it)" >&2; exit 2; }

work=$(mktemp -d)
qemu_pid=
cleanup() {
    if [ -n "$qemu_pid" ]; then kill "$qemu_pid" 2> /dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
offset=$(parted -m -s "$image" unit B print | awk -F: '$1 == 1 { sub("B", "", $2); print $2 }')
export MTOOLS_SKIP_CHECK=1
kernel=$(mdir -i "$image@@$offset" -b :: | grep -m1 '^::/vmlinuz-' | sed 's|^::/||')
initrd=$(mdir -i "$image@@$offset" -b :: | grep -m1 '^::/initrd.img-' | sed 's|^::/||')
mcopy -n -i "$image@@$offset" "::$kernel" "::$initrd" "$work/"
echo "== booting $kernel with $initrd from $image under qemu-system-aarch64 (TCG, at most $seconds s; log: $log)"

# qmp COMMAND-JSON... — sends each command over the QMP socket and prints the replies.
qmp() {
    python3 - "$work/qmp.sock" "$@" << 'PY'
import json, socket, sys
sock = socket.socket(socket.AF_UNIX)
sock.connect(sys.argv[1])
reader = sock.makefile("r")
json.loads(reader.readline())  # greeting
def call(command):
    sock.sendall((json.dumps(command) + "\n").encode())
    while True:
        reply = json.loads(reader.readline())
        if "return" in reply or "error" in reply:
            return reply
call({"execute": "qmp_capabilities"})
for argument in sys.argv[2:]:
    reply = call(json.loads(argument))
    if "error" in reply:
        sys.exit("qmp: %s: %s" % (argument, reply["error"]))
PY
}

# below_title_differs A.ppm B.ppm — whether two binary PPM screenshots differ below the top 64 rows.
below_title_differs() {
    python3 - "$1" "$2" << 'PY'
import sys
def rows(path):
    data = open(path, "rb").read()
    fields = data.split(maxsplit=4)  # P6, width, height, maxval, pixels
    width = int(fields[1])
    return fields[4][64 * width * 3:]
sys.exit(0 if rows(sys.argv[1]) != rows(sys.argv[2]) else 1)
PY
}

# has_picture A.ppm — whether a binary PPM screenshot shows more than a plain background (at least 16
# colours): a kiosk that says READY=1 over an empty screen must not pass.
has_picture() {
    python3 - "$1" << 'PY'
import sys
data = open(sys.argv[1], "rb").read()
pixels = data.split(maxsplit=4)[4]
colours = {pixels[i:i + 3] for i in range(0, len(pixels), 3)}
sys.exit(0 if len(colours) >= 16 else 1)
PY
}

# The Pi's cmdline.txt names its serial console (ttyS1); virt's is ttyAMA0. The journal is in RAM and
# nobody can log in, so journald forwards to the console: the log then says what the kiosk did.
append="root=LABEL=LOTSEN_ROOT ro rootwait console=ttyAMA0 consoleblank=0 fsck.repair=yes systemd.show_status=1 systemd.journald.forward_to_console=1"
start=$SECONDS
: > "$log"
qemu-system-aarch64 -M virt -cpu cortex-a72 -smp 2 -m 1536 -display none -serial stdio \
    -qmp "unix:$work/qmp.sock,server=on,wait=off" \
    -kernel "$work/$kernel" -initrd "$work/$initrd" -append "$append" \
    -drive "file=$image,format=raw,if=virtio,snapshot=on" \
    -device virtio-gpu-pci,xres=800,yres=480 -device qemu-xhci -device usb-tablet \
    -device i6300esb -netdev user,id=net0 -device virtio-net-pci,netdev=net0,romfile= \
    < /dev/null > "$log" 2>&1 &
qemu_pid=$!

# wait_for PATTERN — until the console log matches, qemu ends or the time is up.
wait_for() {
    while ! grep -a -q -E "$1" "$log"; do
        kill -0 "$qemu_pid" 2> /dev/null || return 1
        [ $((SECONDS - start)) -lt "$seconds" ] || return 1
        sleep 2
    done
}

passed=0
failed=0
verdict() {  # verdict DESCRIPTION STATUS
    if [ "$2" -eq 0 ]; then echo "   ok    $1"; passed=$((passed + 1)); else echo "   FAIL  $1"; failed=$((failed + 1)); fi
}

ready=1
wait_for 'Started lotsen.service|Failed to start lotsen.service|Kernel panic' && ready=0
grep -a -q 'Started lotsen.service' "$log" || ready=1
ready_at=$((SECONDS - start))
verdict "the kiosk said READY=1 (first frame shown), $ready_at s after power-on" "$ready"
if [ "$ready" -eq 0 ]; then
    qmp '{"execute": "screendump", "arguments": {"filename": "'"$PWD"'/build-image/qemu-screen-ready.png", "format": "png"}}' \
        '{"execute": "screendump", "arguments": {"filename": "'"$work"'/ready.ppm"}}'
    has_picture "$work/ready.ppm" && drawn=0 || drawn=1
    verdict "the screen shows the kiosk, not an empty background (build-image/qemu-screen-ready.png)" "$drawn"
    # A tap on the first tile ("Find an activity", at 116,150 of 800×480). udev calls qemu's USB tablet a
    # mouse with absolute axes, and SDL 2.26's evdev code takes such a mouse's ABS_X/ABS_Y values as
    # pixels without scaling them from the device's range (a touchscreen's are scaled), so the tap is
    # sent in pixels, not in the tablet's 0..32767.
    qmp '{"execute": "input-send-event", "arguments": {"events": [
            {"type": "abs", "data": {"axis": "x", "value": 116}},
            {"type": "abs", "data": {"axis": "y", "value": 150}}]}}' \
        '{"execute": "input-send-event", "arguments": {"events": [{"type": "btn", "data": {"down": true, "button": "left"}}]}}' \
        '{"execute": "input-send-event", "arguments": {"events": [{"type": "btn", "data": {"down": false, "button": "left"}}]}}'
    sleep 10
    qmp '{"execute": "screendump", "arguments": {"filename": "'"$PWD"'/build-image/qemu-screen-tap.png", "format": "png"}}' \
        '{"execute": "screendump", "arguments": {"filename": "'"$work"'/tap.ppm"}}'
    # Below the title bar, whose clock may have turned a minute meanwhile.
    below_title_differs "$work/ready.ppm" "$work/tap.ppm" && changed=0 || changed=1
    verdict "the tap changed the screen below the title bar (build-image/qemu-screen-ready.png, -tap.png)" "$changed"
    # Then as long again as the watchdog's interval and some: the kiosk must neither restart nor be
    # killed for missed pings (WatchdogSec=30 in lotsen.service).
    sleep 35
    after=$(tr -d '\r' < "$log" | sed -n '/Started lotsen.service/,$p')
    grep -a -q -E 'lotsen.service: (Watchdog timeout|Main process exited|Failed)' <<< "$after" && died=1 || died=0
    verdict "no watchdog kill, exit or restart of the kiosk in the 45 s after READY=1" "$died"
    qmp '{"execute": "quit"}' || true
fi
wait "$qemu_pid" 2> /dev/null || true
qemu_pid=
echo "   qemu ran $((SECONDS - start)) s"

tr -d '\r' < "$log" | sed 's/\x1b\[[0-9;]*m//g' > "$work/console.txt"
# grep reads files, not pipes: with pipefail, `cat | grep -q` fails when grep stops at its match.
logged() { grep -a -q -E "$1" "$work/console.txt" && echo 0 || echo 1; }
verdict "systemd feeds the (emulated) hardware watchdog" "$(logged 'Watchdog running with a hardware timeout')"
verdict "the state partition is mounted on /var/lib/lotsen" "$(logged 'Mounted var-lib-lotsen.mount')"
verdict "graphical.target reached" "$(logged 'Reached target graphical.target')"
echo "== from the console log"
grep -a -E 'Linux version|Run /init|EXT4-fs \(vda[23]\): mounted|Reached target graphical|lotsen|Lotsen|[Ww]atchdog|Failed' "$work/console.txt" | head -60 || true
echo "== $passed passed, $failed failed"
[ "$failed" -eq 0 ]
