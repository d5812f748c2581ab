#!/bin/bash
# deb-test.sh — installs the two Lotsen .deb files into a fresh Debian 12 (bookworm) root made by
# debootstrap, and shows what a real machine would get: the units, the system users, the state and
# configuration permissions, and the programs running from their installed paths (including the headless
# tour, which proves the kiosk finds its assets in /usr/share/lotsen). Then it purges them again.
#
#   image/deb-test.sh DEB_DIR [WORK_DIR]        (as root; `make deb-test` calls it)
#
# The base root is debootstrapped once and cached as WORK_DIR/bookworm-base.tar; downloaded packages are
# cached in WORK_DIR/apt-archives. Every run unpacks a fresh root from the tarball, so each run is a
# first install. Only Debian's mirror is contacted. Ends with "N passed, N failed".
set -euo pipefail

DEB_DIR=${1:?usage: deb-test.sh DEB_DIR [WORK_DIR]}
WORK_DIR=${2:-build-deb/deb-test}
MIRROR=${LOTSEN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm

[ "$(id -u)" -eq 0 ] || { echo "deb-test: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "deb-test: needs debootstrap (apt-get install debootstrap)" >&2; exit 2; }

arch=$(dpkg --print-architecture)
shopt -s nullglob
kiosk_debs=("$DEB_DIR"/lotsen_*_"$arch".deb)
hub_debs=("$DEB_DIR"/lotsen-hub_*_"$arch".deb)
shopt -u nullglob
if [ ${#kiosk_debs[@]} -ne 1 ] || [ ${#hub_debs[@]} -ne 1 ]; then
    echo "deb-test: want exactly one lotsen_*_$arch.deb and one lotsen-hub_*_$arch.deb in $DEB_DIR (make deb)" >&2
    exit 2
fi

mkdir -p "$WORK_DIR"
WORK_DIR=$(cd "$WORK_DIR" && pwd)
base_tar=$WORK_DIR/bookworm-base.tar
archives=$WORK_DIR/apt-archives
root=$WORK_DIR/root
mkdir -p "$archives/partial"

# Everything mounted under the root is unmounted on every exit, in reverse order, before anything could
# delete the root: an rm -rf through a mounted /proc or a bind mount would reach the host.
mounts=()
cleanup() {
    local i
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount -l "${mounts[$i]}" 2>/dev/null || true
    done
    mounts=()
}
trap cleanup EXIT INT TERM
mount_in_root() {  # mount_in_root TARGET MOUNT-ARGS...
    local target=$1
    shift
    mkdir -p "$target"
    mount "$@" "$target"
    mounts+=("$target")
}

if [ ! -f "$base_tar" ]; then
    echo "== debootstrap $SUITE ($arch, minbase + systemd) from $MIRROR; cached as $base_tar"
    rm -rf "$WORK_DIR/bootstrap"
    debootstrap --variant=minbase --include=systemd,systemd-sysv,ca-certificates \
        --cache-dir="$archives" "$SUITE" "$WORK_DIR/bootstrap" "$MIRROR" > "$WORK_DIR/debootstrap.log" 2>&1 ||
        { tail -20 "$WORK_DIR/debootstrap.log" >&2; exit 1; }
    tar --numeric-owner -C "$WORK_DIR/bootstrap" -cpf "$base_tar.part" .
    mv "$base_tar.part" "$base_tar"
    rm -rf "$WORK_DIR/bootstrap"
fi

# Never delete a root that still has something mounted in it.
if [ -d "$root" ] && findmnt -rn -o TARGET | grep -q "^$root/"; then
    echo "deb-test: $root still has mounts; unmount them first" >&2
    exit 1
fi
rm -rf "$root"
mkdir -p "$root"
tar --numeric-owner -C "$root" -xpf "$base_tar"

cat > "$root/etc/apt/sources.list" <<SOURCES
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${MIRROR%/debian}/debian-security $SUITE-security main
SOURCES
# No daemon may start inside the chroot.
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/tmp/debs"
cp "${kiosk_debs[0]}" "${hub_debs[0]}" "$root/tmp/debs/"

mount_in_root "$root/proc" -t proc proc
mount_in_root "$root/dev/pts" -t devpts devpts
mount_in_root "$root/var/cache/apt/archives" --bind "$archives"

in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

echo "== apt-get install ./$(basename "${kiosk_debs[0]}") ./$(basename "${hub_debs[0]}") (with Recommends, as apt does)"
in_root apt-get update -qq
in_root apt-get install -y -q -o Dpkg::Use-Pty=0 "/tmp/debs/$(basename "${kiosk_debs[0]}")" \
    "/tmp/debs/$(basename "${hub_debs[0]}")" > "$WORK_DIR/apt-install.log" 2>&1 ||
    { tail -30 "$WORK_DIR/apt-install.log" >&2; exit 1; }
grep -E '^(Setting up lotsen|[0-9]+ upgraded)' "$WORK_DIR/apt-install.log" || true

passed=0
failed=0
check() {  # check DESCRIPTION COMMAND... — runs the command inside the root, shows its output
    local description=$1
    shift
    echo
    echo "-- $description"
    echo "   \$ $*"
    local rc=0
    in_root "$@" > "$WORK_DIR/check.out" 2>&1 || rc=$?
    sed 's/^/   /' "$WORK_DIR/check.out"
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
    else
        echo "   FAILED (exit $rc)"
        failed=$((failed + 1))
    fi
}

# The ${...} below are dpkg-query's format fields, not shell expansions.
# shellcheck disable=SC2016
check "packages and their dependencies" dpkg-query -W -f '${Package} ${Version} ${Architecture}\n  Depends: ${Depends}\n  Recommends: ${Recommends}\n' lotsen lotsen-hub
# shellcheck disable=SC2016
check "EGL, GBM, OpenGL and OpenGL ES 2 for the KMS/DRM display came in" dpkg-query -W -f '${Package} ${Version}\n' libegl1 libgl1 libgles2 libgbm1
check "unit files installed" sh -c 'ls -l /lib/systemd/system/lotsen.service /lib/systemd/system/lotsen-hub.service'
check "systemd-analyze verify (offline, no systemd running)" \
    systemd-analyze verify /lib/systemd/system/lotsen.service /lib/systemd/system/lotsen-hub.service
check "system users" sh -c 'getent passwd lotsen lotsen-hub && id lotsen && id lotsen-hub'
check "state directories" sh -c 'stat -c "%A %U:%G %n" /var/lib/lotsen /var/lib/lotsen-hub'
# shellcheck disable=SC2016
check "configuration is a conffile, readable by root and the kiosk only" \
    sh -c 'dpkg-query -W -f "\${Conffiles}\n" lotsen && stat -c "%A %U:%G %n" /etc/lotsen/lotsen.toml'
check "installed files" sh -c 'dpkg -L lotsen lotsen-hub | grep -E "^/(usr/bin|etc|lib/systemd)/|/usr/share/lotsen/" | sort'
check "lotsen --version" lotsen --version
check "lotsen-hub --help" lotsen-hub --help
check "the kiosk as its user, assets from /usr/share/lotsen by default: headless tour (sv, ar; 800x480)" \
    runuser -u lotsen -- sh -c 'cd /tmp && lotsen --headless --tour /tmp/tour --config /etc/lotsen/lotsen.toml \
        --data-dir /tmp/tour-data --catalogue /usr/share/lotsen/demo/catalogue.json --size 800x480 \
        --lang sv --lang ar > /dev/null && ls /tmp/tour | wc -l | sed "s/$/ PNG files/"'
check "purge removes state and the permission override, keeps the users" \
    sh -c 'apt-get purge -y -q lotsen lotsen-hub > /dev/null 2>&1 &&
           ! test -e /var/lib/lotsen && ! test -e /var/lib/lotsen-hub && ! test -e /etc/lotsen &&
           ! dpkg-statoverride --list /etc/lotsen/lotsen.toml && getent passwd lotsen > /dev/null &&
           echo "purged; /var/lib/lotsen, /var/lib/lotsen-hub and /etc/lotsen gone; user lotsen kept"'

cleanup
echo
echo "deb-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
