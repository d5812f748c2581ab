#!/bin/bash
# arm64-check.sh — the Raspberry Pi build, checked on a PC: cross-compiles the kiosk and its unit tests
# for arm64 with Debian's cross toolchain, runs them under Debian's qemu-user-static, and compares the
# arm64 headless tour with the native one pixel by pixel.
#
#   image/arm64-check.sh PACKAGE...       (as root; `make arm64-check` passes the Makefile's PACKAGES)
#   image/arm64-check.sh --install-only PACKAGE...   (step 1 only; `make image` uses it)
#
# 1. Adds the arm64 architecture and installs crossbuild-essential-arm64, qemu-user-static and the
#    :arm64 version of every -dev package given — after simulating the install and refusing if apt would
#    remove anything (the native build must never pay for the cross one).
# 2. Builds `lotsen` and `lotsen_unit_tests` in build-arm64/ (preset arm64), and the native `lotsen` in
#    build-release/ (preset release) from the same tree, so the comparison is of one source.
# 3. Runs the unit tests and the tour (sv and ar, 800x480) under qemu-aarch64-static. binfmt_misc need not
#    be registered: qemu is invoked directly, and the multiarch libc6:arm64 provides the loader.
# 4. Compares each arm64 PNG with the native one (ImageMagick `compare`): the pixels that differ at all,
#    those that differ by more than 2 % (anti-aliasing rounds differently when the compiler fuses
#    multiply-adds on arm64), and the largest difference. The detail screen's QR code holds the calendar
#    entry's DTSTAMP, the second it was drawn, so it differs between any two runs, native ones too.
#    Diff images (red = differing pixel) are left in build-arm64/tour-compare/.
set -euo pipefail

[ "$(id -u)" -eq 0 ] || { echo "arm64-check: needs root (dpkg --add-architecture, apt-get)" >&2; exit 2; }
cd "$(dirname "$0")/.."
install_only=false
if [ "${1:-}" = --install-only ]; then
    install_only=true
    shift
fi

# ---- 1. toolchain and :arm64 libraries
dev_packages=()
for p in "$@"; do
    case $p in *-dev) dev_packages+=("$p:arm64") ;; esac
done
wanted=(crossbuild-essential-arm64 qemu-user-static imagemagick "${dev_packages[@]}")

missing=()
for p in "${wanted[@]}"; do
    # An Architecture: all package (nlohmann-json3-dev) serves both architectures under its plain name.
    dpkg-query -W -f='${Status} ${Architecture}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
        dpkg-query -W -f='${Status} ${Architecture}\n' "${p%:arm64}" 2>/dev/null | grep -q '^install ok installed all$' ||
        missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        echo "== dpkg --add-architecture arm64"
        dpkg --add-architecture arm64
    fi
    apt-get update -qq
    echo "== simulating: apt-get install ${missing[*]}"
    simulation=$(apt-get install -s --no-install-recommends "${missing[@]}" 2>&1) || {
        echo "$simulation" | tail -20 >&2
        echo "arm64-check: apt cannot install these together; nothing was changed" >&2
        exit 1
    }
    removals=$(echo "$simulation" | grep '^Remv' || true)
    if [ -n "$removals" ]; then
        echo "$removals" >&2
        echo "arm64-check: installing the :arm64 packages would remove the packages above; nothing was changed." >&2
        echo "  Build against a sysroot instead (dpkg -x of the :arm64 .debs from apt-get download)." >&2
        exit 1
    fi
    echo "   $(echo "$simulation" | grep -c '^Inst') to install or upgrade, none removed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
echo "== toolchain: $(aarch64-linux-gnu-g++ --version | head -1); $(qemu-aarch64-static --version | head -1)"
$install_only && exit 0

# ---- 2. builds
echo "== cross build (build-arm64/): lotsen, lotsen_unit_tests"
cmake --preset arm64 > /dev/null
cmake --build --preset arm64 --target lotsen lotsen_unit_tests > build-arm64/build.log 2>&1 ||
    { tail -30 build-arm64/build.log >&2; exit 1; }
echo "   $(file -b build-arm64/bin/lotsen | cut -d, -f1-2)"
echo "== native build (build-release/): lotsen"
cmake --preset release > /dev/null
cmake --build --preset release --target lotsen > build-release/build-lotsen.log 2>&1 ||
    { tail -30 build-release/build-lotsen.log >&2; exit 1; }

qemu=(qemu-aarch64-static)

# ---- 3. unit tests under qemu
echo "== arm64 unit tests under qemu-aarch64-static"
tests_log=build-arm64/unit-tests.log
tests_rc=0
"${qemu[@]}" build-arm64/bin/lotsen_unit_tests --gtest_color=no > "$tests_log" 2>&1 || tests_rc=$?
grep -E '^\[==========\] [0-9]+ tests? from|^\[  PASSED  \]|^\[  FAILED  \]|^\[  SKIPPED \]' "$tests_log" | sed 's/^/   /'
[ "$tests_rc" -eq 0 ] || echo "   unit tests FAILED (exit $tests_rc); see $tests_log"

# ---- 3b and 4. the tour on both, compared
out=build-arm64/tour-compare
# Both runs use one data directory path and one kiosk key, because admin mode shows both: the database
# is made anew for each run, the key is kept.
tour() {  # tour PROGRAM-PREFIX... -- LANG OUT
    local lang=${*: -2:1} dir=${*: -1}
    local program=("${@:1:$#-3}")
    local data=$out/data-$lang
    rm -rf "$dir"
    mkdir -p "$data"
    find "$data" -mindepth 1 ! -name kiosk.key -delete
    "${program[@]}" --headless --tour "$dir" --config config/lotsen.toml --data-dir "$data" \
        --assets-dir assets --catalogue assets/demo/catalogue.json --size 800x480 --lang "$lang" > /dev/null
}
compared=0
identical=0
max_diff=0
max_file=
max_coarse=0
max_coarse_file=
missing_files=0
for lang in sv ar; do
    # The tour shows the clock: retry when the minute turned between the two runs.
    for attempt in 1 2 3; do
        minute=$(date +%H:%M)
        start=$EPOCHREALTIME
        tour "${qemu[@]}" build-arm64/bin/lotsen -- "$lang" "$out/arm64-$lang"
        middle=$EPOCHREALTIME
        tour build-release/bin/lotsen -- "$lang" "$out/native-$lang"
        end=$EPOCHREALTIME
        arm64_s=$(awk "BEGIN { print $middle - $start }")
        native_s=$(awk "BEGIN { print $end - $middle }")
        [ "$(date +%H:%M)" = "$minute" ] && break
        echo "   (the minute turned during run $attempt; again, so both show one clock)"
    done
    printf '== tour --lang %s: arm64 under qemu %.1f s, native %.1f s\n' "$lang" "$arm64_s" "$native_s"
    printf '   %-36s %8s %10s %10s %9s\n' file size "px differ" "by > 2 %" "largest"
    for native_png in "$out/native-$lang"/*.png; do
        name=$(basename "$native_png")
        arm64_png=$out/arm64-$lang/$name
        if [ ! -f "$arm64_png" ]; then
            echo "   $name: missing in the arm64 tour"
            missing_files=$((missing_files + 1))
            continue
        fi
        # compare prints its metric on stderr and exits 1 when the images differ.
        exact=$(compare -metric AE "$native_png" "$arm64_png" "$out/diff-$lang-$name" 2>&1 || true)
        coarse=$(compare -metric AE -fuzz 2% "$native_png" "$arm64_png" null: 2>&1 || true)
        peak=$(compare -metric PAE "$native_png" "$arm64_png" null: 2>&1 || true)
        exact=${exact%% *}
        coarse=${coarse%% *}
        peak=$(echo "$peak" | sed -n 's/.*(\(.*\)).*/\1/p')
        peak=$(awk "BEGIN { printf \"%.1f %%\", ${peak:-0} * 100 }")
        printf '   %-36s %8s %10s %10s %9s\n' "$name" "$(identify -format '%wx%h' "$native_png")" "$exact" "$coarse" "$peak"
        compared=$((compared + 1))
        if [ "$exact" = 0 ]; then
            identical=$((identical + 1))
            rm -f "$out/diff-$lang-$name"
        fi
        if [ "$exact" -gt "$max_diff" ]; then
            max_diff=$exact
            max_file=$lang/$name
        fi
        if [ "$coarse" -gt "$max_coarse" ]; then
            max_coarse=$coarse
            max_coarse_file=$lang/$name
        fi
    done
    arm64_count=$(find "$out/arm64-$lang" -name '*.png' | wc -l)
    native_count=$(find "$out/native-$lang" -name '*.png' | wc -l)
    if [ "$arm64_count" -ne "$native_count" ]; then
        echo "   arm64 wrote $arm64_count PNG files, native $native_count"
        missing_files=$((missing_files + 1))
    fi
done

echo
echo "arm64-check: unit tests $( [ "$tests_rc" -eq 0 ] && echo passed || echo FAILED ) ($(grep -E '^\[  PASSED  \]' "$tests_log" | grep -Eo '[0-9]+ tests?' || echo '0 tests') passed under qemu)"
echo "arm64-check: $compared PNG files compared (800x480 = 384000 px each), $identical identical;" \
     "most differing pixels: $max_diff${max_file:+ ($max_file)}; most differing by more than 2 %:" \
     "$max_coarse${max_coarse_file:+ ($max_coarse_file)}"
echo "arm64-check: PNGs and diff images (red = differing pixel) in $out/"
[ "$tests_rc" -eq 0 ] && [ "$missing_files" -eq 0 ]
