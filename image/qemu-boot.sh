#!/bin/bash
# qemu-boot.sh — boots a built Pi image's own arm64 kernel and initramfs (taken from its boot partition
# with mtools) under qemu-system-aarch64 -M virt, root on the image as a virtio disk, with an emulated
# screen (virtio-gpu, 800×480), a USB tablet as the touch device and an i6300esb watchdog in place of
# the Pi's, and checks that the image boots into the running kiosk:
#
#   - the kiosk service says READY=1 (its first frame is on the screen) — systemd's "Started lotsen.service";
#   - a screenshot of the emulated screen then, one a minute later (still untouched), and one after a tap
#     on "Find an activity";
#   - no restart and no watchdog kill for WatchdogSec + 15 s after that;
#   - before the tap, how often the untouched kiosk wakes: a one-shot unit added to a copy of the image
#     (lotsen-idle-probe) counts the voluntary context switches of all the kiosk's threads and its CPU
#     ticks over 60 s and says them on the console, and which threads woke; at most 2 wakeups a second
#     pass (issue "Fast on a Pi"). The CPU share is printed, not judged: under TCG it is many times a Pi's.
#
#   image/qemu-boot.sh [IMAGE] [SECONDS]    (`make image-boot`; default build-image/lotsen-rpi-arm64.img, 900)
#   ROTATION=90 image/qemu-boot.sh ...       (`make image-boot ROTATION=90`; also 180 and 270)
#
# With ROTATION, a copy of the image gets `[screen] rotation = N` in its /etc/lotsen/lotsen.toml
# (written into the root file system with debugfs, no mount), as for a panel mounted portrait on the
# landscape output; the emulated output stays 800×480, the kiosk draws upright at 480×800 and turns the
# picture onto it. The tap is aimed through the turn, and both screenshots are turned back and
# compared with the headless tour's upright pictures of the home and interests screens
# (image/screen-match.py; the tour is run with build/bin/lotsen, or LOTSEN_TOUR_PROGRAM): the ready
# screenshot must be the home screen and the one after the tap the interests screen, which a picture
# turned the wrong way, or a tap landing elsewhere, is not.
#
# The image itself is never written: the probe and the rotation go into a sparse copy, opened with
# -snapshot. Left in build-image/: qemu-boot.log (the
# serial console; journald forwards to it, so the kiosk's own log is there too), qemu-screen-ready.png,
# qemu-screen-untouched.png and qemu-screen-tap.png (…-90.png with ROTATION=90). Not a Pi: Mesa draws with its software kms_swrast driver on virtio-gpu
# instead of vc4/v3d, and everything runs under TCG, many times slower than a Pi 4. Needs
# qemu-system-arm (Debian's package for qemu-system-aarch64), mtools, parted and python3 (for QMP);
# with ROTATION also e2fsprogs (debugfs).
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:-build-image/lotsen-rpi-arm64.img}
seconds=${2:-900}
rotation=${ROTATION:-0}
log=build-image/qemu-boot.log
[ -f "$image" ] || { echo "qemu-boot: no $image (make image builds it)" >&2; exit 2; }
case "$rotation" in
    0 | 90 | 180 | 270) ;;
    *) echo "qemu-boot: ROTATION must be 0, 90, 180 or 270, not \"$rotation\"" >&2; exit 2 ;;
esac
suffix=
if [ "$rotation" -ne 0 ]; then
    suffix=-$rotation
    log=build-image/qemu-boot$suffix.log
fi

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

# rotate_config IMAGE DEGREES — sets [screen] rotation in the image's /etc/lotsen/lotsen.toml (root
# partition 2) with debugfs, keeping the file's owner and mode, and raises format_minor to 2 (config
# format 1.2 brought rotation) when the file asks for less.
rotate_config() {
    local root_offset fs config gid
    root_offset=$(parted -m -s "$1" unit B print | awk -F: '$1 == 2 { sub("B", "", $2); print $2 }')
    fs="$1?offset=$root_offset"
    config=/etc/lotsen/lotsen.toml
    debugfs -R "cat $config" "$fs" 2> /dev/null > "$work/lotsen.toml"
    [ -s "$work/lotsen.toml" ] || { echo "qemu-boot: cannot read $config from $1" >&2; return 1; }
    gid=$(debugfs -R "stat $config" "$fs" 2> /dev/null | awk '$1 == "User:" { print $4; exit }')
    python3 - "$work/lotsen.toml" "$2" << 'PY'
import re, sys
path, degrees = sys.argv[1], sys.argv[2]
lines = open(path, encoding="utf-8").read().split("\n")
first_section = next((i for i, l in enumerate(lines) if re.match(r"\s*\[", l)), len(lines))
minor = next((i for i, l in enumerate(lines[:first_section]) if re.match(r"\s*format_minor\s*=", l)), None)
if minor is None:
    lines.insert(0, "format_minor = 2")
elif int(re.search(r"=\s*(\d+)", lines[minor]).group(1)) < 2:
    lines[minor] = "format_minor = 2"
screen = next((i for i, l in enumerate(lines) if l.strip() == "[screen]"), None)
if screen is None:
    lines += ["", "[screen]", "rotation = " + degrees]
else:
    end = next((i for i in range(screen + 1, len(lines)) if re.match(r"\s*\[", lines[i])), len(lines))
    lines = [l for i, l in enumerate(lines) if not (screen < i < end and re.match(r"\s*rotation\s*=", l))]
    lines.insert(screen + 1, "rotation = " + degrees)
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
    debugfs -w -f - "$fs" > /dev/null 2>&1 << EOF
rm $config
write $work/lotsen.toml $config
sif $config mode 0100640
sif $config uid 0
sif $config gid $gid
EOF
    # Read back into a file: with pipefail, `debugfs | grep -q` fails when grep stops before debugfs.
    debugfs -R "cat $config" "$fs" 2> /dev/null > "$work/written.toml"
    grep -A3 '^\[screen\]' "$work/written.toml" | sed 's/^/   | /'
    grep -q "^rotation = $2\$" "$work/written.toml"
}

# add_idle_probe IMAGE — writes lotsen-idle-probe (a script and a one-shot unit wanted by
# graphical.target) into the image's root file system with debugfs. 20 s after lotsen.service is up it
# counts, over 60 s, the voluntary context switches of all the kiosk's threads (each one a sleep and a
# wake) and its CPU ticks, and says them on the console, then each thread that woke or ran in the window
# (name/TID=wakeups/ticks), so a figure over budget says where it comes from.
add_idle_probe() {
    local root_offset fs
    root_offset=$(parted -m -s "$1" unit B print | awk -F: '$1 == 2 { sub("B", "", $2); print $2 }')
    fs="$1?offset=$root_offset"
    cat > "$work/lotsen-idle-probe" << 'SH'
#!/bin/sh
# lotsen-idle-probe — how often the untouched kiosk wakes (image/qemu-boot.sh adds this to a copy).
sleep 20
pid=$(systemctl show -p MainPID --value lotsen.service)
# threads — one line per thread of the kiosk: TID NAME VOLUNTARY-SWITCHES TICKS (utime + stime).
threads() {
    for task in /proc/"$pid"/task/*; do
        n=$(sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "$task/status" 2> /dev/null)
        name=$(tr ' ' '_' 2> /dev/null < "$task/comm")
        # Fields after "TID (comm) ": utime and stime are the 12th and 13th (braces: in sh, $12 is ${1}2).
        # shellcheck disable=SC2046
        set -- $(sed 's/^.*) //' "$task/stat" 2> /dev/null)
        echo "${task##*/} ${name:-?} ${n:-0} $((${12:-0} + ${13:-0}))"
    done
}
ticks() {
    # shellcheck disable=SC2046
    set -- $(sed 's/^.*) //' /proc/"$pid"/stat)
    echo $((${12} + ${13}))
}
threads > /run/lotsen-idle-probe.0; t0=$(ticks); u0=$(cut -d' ' -f1 /proc/uptime)
sleep 60
threads > /run/lotsen-idle-probe.1; t1=$(ticks); u1=$(cut -d' ' -f1 /proc/uptime)
# A thread started in the window counts from zero; one that ended in it is not counted.
w=$(awk 'NR == FNR { before[$1] = $3; next } { total += $3 - before[$1] } END { print total + 0 }' \
    /run/lotsen-idle-probe.0 /run/lotsen-idle-probe.1)
echo "lotsen-idle-probe: pid=$pid wakeups=$w ticks=$((t1 - t0)) hz=$(getconf CLK_TCK) from=$u0 to=$u1"
# Which threads woke: NAME/TID=WAKEUPS/TICKS over the window, busiest first; threads that slept are left out.
echo "lotsen-idle-probe: threads: $(awk 'NR == FNR { w[$1] = $3; t[$1] = $4; next }
    { dw = $3 - w[$1]; dt = $4 - t[$1]; if (dw > 0 || dt > 0) printf "%d %s/%s=%d/%d\n", dw, $2, $1, dw, dt }' \
    /run/lotsen-idle-probe.0 /run/lotsen-idle-probe.1 | sort -rn | cut -d' ' -f2 | tr '\n' ' ')(of $(wc -l < /run/lotsen-idle-probe.1) threads)"
SH
    cat > "$work/lotsen-idle-probe.service" << 'UNIT'
[Unit]
Description=How often the untouched kiosk wakes (image/qemu-boot.sh)
After=lotsen.service
Requires=lotsen.service

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/lotsen-idle-probe
TimeoutStartSec=5min
StandardOutput=journal+console

[Install]
WantedBy=graphical.target
UNIT
    debugfs -w -f - "$fs" > /dev/null 2>&1 << EOF
mkdir /usr/local/sbin
write $work/lotsen-idle-probe /usr/local/sbin/lotsen-idle-probe
sif /usr/local/sbin/lotsen-idle-probe mode 0100755
write $work/lotsen-idle-probe.service /etc/systemd/system/lotsen-idle-probe.service
sif /etc/systemd/system/lotsen-idle-probe.service mode 0100644
mkdir /etc/systemd/system/graphical.target.wants
symlink /etc/systemd/system/graphical.target.wants/lotsen-idle-probe.service /etc/systemd/system/lotsen-idle-probe.service
EOF
    debugfs -R "stat /etc/systemd/system/graphical.target.wants/lotsen-idle-probe.service" "$fs" 2> /dev/null > "$work/probe.stat"
    debugfs -R "cat /usr/local/sbin/lotsen-idle-probe" "$fs" 2> /dev/null > "$work/probe.written"
    grep -q 'Type: symlink' "$work/probe.stat" && grep -q '^echo "lotsen-idle-probe:' "$work/probe.written"
}

# The upright pictures the kiosk should show, from the headless tour at the panel's size (480×800
# when turned on its side) with nothing in its data directory, as a freshly flashed kiosk has.
tour_program=${LOTSEN_TOUR_PROGRAM:-build/bin/lotsen}
upright_size=$([ "$rotation" -eq 90 ] || [ "$rotation" -eq 270 ] && echo 480x800 || echo 800x480)
copy="$work/probed.img"
echo "== a copy of $image with the idle probe$([ "$rotation" -eq 0 ] || echo " and [screen] rotation = $rotation")"
cp --sparse=always "$image" "$copy"
add_idle_probe "$copy" || { echo "qemu-boot: could not add the idle probe to the copy" >&2; exit 1; }
if [ "$rotation" -ne 0 ]; then
    rotate_config "$copy" "$rotation" || { echo "qemu-boot: could not write the rotation into the copy" >&2; exit 1; }
    [ -x "$tour_program" ] || { echo "qemu-boot: no $tour_program for the upright pictures (cmake --build --preset dev --target lotsen)" >&2; exit 2; }
    mkdir -p "$work/tour"
    "$tour_program" --headless --tour "$work/tour" --config config/lotsen.toml --data-dir "$work/tour-data" \
        --lang sv --size "$upright_size" > "$work/tour.log" 2>&1 ||
        { echo "qemu-boot: the headless tour failed:" >&2; tail -5 "$work/tour.log" >&2; exit 1; }
fi
image=$copy
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
    ready_png=build-image/qemu-screen-ready$suffix.png
    tap_png=build-image/qemu-screen-tap$suffix.png
    qmp '{"execute": "screendump", "arguments": {"filename": "'"$PWD/$ready_png"'", "format": "png"}}' \
        '{"execute": "screendump", "arguments": {"filename": "'"$work"'/ready.ppm"}}'
    has_picture "$work/ready.ppm" && drawn=0 || drawn=1
    verdict "the screen shows the kiosk, not an empty background ($ready_png)" "$drawn"
    # Untouched: the probe's 60 s window, before the tap.
    idle=1
    idle_rate=
    if wait_for 'lotsen-idle-probe: pid='; then
        probe_line=$(tr -d '\r' < "$log" | grep -a -o 'lotsen-idle-probe: pid=.*' | head -1)
        echo "   $probe_line"
        # The next line says which threads woke (printed right after it; wait a moment for it).
        wait_for 'lotsen-idle-probe: threads:' || true
        tr -d '\r' < "$log" | grep -a -o 'lotsen-idle-probe: threads:.*' | head -1 | sed 's/^/   /'
        idle_rate=$(python3 - "$probe_line" << 'PY'
import re, sys
f = dict(re.findall(r"(\w+)=([0-9.]+)", sys.argv[1]))
span = float(f["to"]) - float(f["from"])
rate = int(f["wakeups"]) / span
print("%.2f wakeups/s, %.3f %% CPU over %.0f s" % (rate, 100.0 * int(f["ticks"]) / int(f["hz"]) / span, span))
sys.exit(0 if rate <= 2.0 else 1)
PY
        ) && idle=0
    fi
    verdict "untouched, the kiosk wakes at most twice a second (${idle_rate:-no probe line})" "$idle"
    # Still untouched, a minute on: whatever the first frame's timing, the kiosk's picture must be on the
    # screen before anyone touches it (nobody taps a black screen).
    untouched_png=build-image/qemu-screen-untouched$suffix.png
    qmp '{"execute": "screendump", "arguments": {"filename": "'"$PWD/$untouched_png"'", "format": "png"}}' \
        '{"execute": "screendump", "arguments": {"filename": "'"$work"'/untouched.ppm"}}'
    has_picture "$work/untouched.ppm" && drawn=0 || drawn=1
    verdict "untouched after the probe's minute, the screen still shows the kiosk ($untouched_png)" "$drawn"
    # A tap on the first tile ("Find an activity"): at 116,150 of the upright 800×480 picture, at
    # 120,140 of the upright 480×800 one (measured on the tour's home-sv-480x800.png), turned onto the
    # output as the kiosk turns its picture (kiosk/screen_rotation.cpp, to_output). udev calls qemu's
    # USB tablet a mouse with absolute axes, and SDL 2.26's evdev code takes such a mouse's ABS_X/ABS_Y
    # values as pixels without scaling them from the device's range (a touchscreen's are scaled), so
    # the tap is sent in the output's pixels, not in the tablet's 0..32767.
    case "$rotation" in
        0) tap_x=116; tap_y=150 ;;
        90) tap_x=$((800 - 140)); tap_y=120 ;;
        180) tap_x=$((800 - 116)); tap_y=$((480 - 150)) ;;
        270) tap_x=140; tap_y=$((480 - 120)) ;;
    esac
    echo "   tap at $tap_x,$tap_y of the output"
    qmp '{"execute": "input-send-event", "arguments": {"events": [
            {"type": "abs", "data": {"axis": "x", "value": '"$tap_x"'}},
            {"type": "abs", "data": {"axis": "y", "value": '"$tap_y"'}}]}}' \
        '{"execute": "input-send-event", "arguments": {"events": [{"type": "btn", "data": {"down": true, "button": "left"}}]}}' \
        '{"execute": "input-send-event", "arguments": {"events": [{"type": "btn", "data": {"down": false, "button": "left"}}]}}'
    sleep 10
    qmp '{"execute": "screendump", "arguments": {"filename": "'"$PWD/$tap_png"'", "format": "png"}}' \
        '{"execute": "screendump", "arguments": {"filename": "'"$work"'/tap.ppm"}}'
    if [ "$rotation" -eq 0 ]; then
        # Below the title bar, whose clock may have turned a minute meanwhile.
        below_title_differs "$work/ready.ppm" "$work/tap.ppm" && changed=0 || changed=1
        verdict "the tap changed the screen below the title bar ($ready_png, $tap_png)" "$changed"
    else
        grep -a -q "turned $rotation° clockwise" "$log" && turned=0 || turned=1
        verdict "the kiosk turns its picture $rotation° clockwise (its log)" "$turned"
        home="$work/tour/home-sv-$upright_size.png"
        interests="$work/tour/interests-sv-$upright_size.png"
        image/screen-match.py "$work/ready.ppm" "$rotation" "$home" "$interests" && upright=0 || upright=1
        verdict "turned back, $ready_png is the tour's upright home screen, not the interests screen" "$upright"
        image/screen-match.py "$work/tap.ppm" "$rotation" "$interests" "$home" && aimed=0 || aimed=1
        verdict "the tap on \"Find an activity\" opened the interests screen ($tap_png turned back)" "$aimed"
    fi
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
