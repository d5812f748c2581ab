# Lotsen — the two commands of the quick start, and a few more for developers.
#   make demo   install what is missing, build, run the kiosk on the demo catalogue
#               (with no display: render the headless tour and say where the PNGs are)
#   make test   install what is missing, build, run every test through ctest
# Everything else is CMake (CMakePresets.json); this file stays thin.

PRESET ?= dev
BUILD_DIR := build
ifeq ($(PRESET),asan)
  BUILD_DIR := build-asan
else ifeq ($(PRESET),ci)
  BUILD_DIR := build-ci
else ifeq ($(PRESET),release)
  BUILD_DIR := build-release
endif

# Debian 12 packages the build, the tests and the demo need (keep in step with cmake/Dependencies.cmake;
# zbar-tools only for the tests: its zbarimg reads the detail screen's QR code off the rendered pictures;
# libfaketime only for the tests too: it steps the real kiosk's wall clock while it runs; chromium,
# chromium-driver and python3-selenium only for the office's browser test, tests/browser/;
# python3-jsonschema, python3-icalendar and python3-yaml only for the open-standards test, tests/open/).
PACKAGES := build-essential cmake pkg-config \
  libsdl2-dev libimgui-dev libfreetype-dev libpng-dev libjpeg-dev fonts-noto-core fonts-font-awesome \
  libsqlite3-dev libcurl4-openssl-dev zlib1g-dev nlohmann-json3-dev libsodium-dev libfribidi-dev \
  libqrencode-dev libtomlplusplus-dev libmicrohttpd-dev libcpp-httplib-dev libsystemd-dev libespeak-ng-dev \
  libgtest-dev libgmock-dev zbar-tools libfaketime python3-aiosmtpd chromium chromium-driver python3-selenium \
  libexpat1-dev python3-jsonschema python3-icalendar python3-yaml

DEMO_DATA := $(BUILD_DIR)/demo-data
DEMO_TOUR := $(BUILD_DIR)/tour

.PHONY: all deps configure build test demo tour bench asan crash-test disk-full-test power-cut-test clean

all: build

# Installs only what is missing, so a prepared machine does not touch apt at all.
deps:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:" $$missing; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

configure: deps
	cmake --preset $(PRESET)

build: configure
	cmake --build --preset $(PRESET)

test: build
	ctest --preset $(PRESET)

# With a display, the real kiosk (Ctrl+C in this terminal ends it: the kiosk ignores window-close).
# Without one, the headless tour.
demo: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  $(BUILD_DIR)/bin/lotsen --config config/lotsen.toml --data-dir $(DEMO_DATA) --catalogue assets/demo/catalogue.json; \
	else \
	  $(MAKE) --no-print-directory tour; \
	fi

# Every screen in a left-to-right and a right-to-left language, small and large, both orientations.
TOUR_SIZES := 800x480 1920x1080 480x800 1080x1920
tour: build
	@for size in $(TOUR_SIZES); do \
	  $(BUILD_DIR)/bin/lotsen --headless --tour $(DEMO_TOUR) --config config/lotsen.toml --data-dir $(DEMO_DATA) \
	    --catalogue assets/demo/catalogue.json --lang sv --lang ar --size $$size > /dev/null || exit 1; \
	done
	@echo "Headless tour written: PNG files are in $(abspath $(DEMO_TOUR))/"

# The performance figures and their budgets (docs/performance.md): one JSON object on stdout, a table with
# the budgets on stderr. Takes about a minute; deliberately not part of `make test`.
bench: build
	$(BUILD_DIR)/bin/lotsen-bench --table

asan:
	$(MAKE) test PRESET=asan

# The SIGKILL crash test of the outbox at length: 1,000 kills instead of the 100 `make test` runs.
crash-test: build
	LOTSEN_CRASH_ITERATIONS=1000 $(BUILD_DIR)/bin/lotsen_integration_tests --gtest_filter='*RandomKills*'

# The full-disk test on a real small file system (a tmpfs in a private mount namespace). `make test` runs
# it too, but skips it with the reason where namespaces are not allowed (some CI runners): run it here
# as root (or where unprivileged user namespaces are on) to see it pass.
disk-full-test: build
	$(BUILD_DIR)/bin/lotsen_unit_tests --gtest_filter='DiskFull.*'
	$(BUILD_DIR)/bin/lotsen_ui_tests --gtest_filter='Languages/DiskFullCheckIn.*'

# Simulated power cuts of the outbox and the store at length (tests/unit/sqlite/fault_vfs.hpp): 1,000
# cuts instead of the 100 `make test` runs. Not in .ci/run.
power-cut-test: build
	LOTSEN_POWER_CUTS=1000 $(BUILD_DIR)/bin/lotsen_unit_tests --gtest_filter='PowerCut.*'

clean:
	rm -rf build build-ci build-asan build-release build-fuzz

# ---- Debian packages, the Raspberry Pi image and the arm64 cross build (docs/operations.md).
# None of these is part of `make test`: they need root, Debian's mirror or minutes of emulation.
DEB_DIR := build-deb/packages
ARM64_DEB_DIR := build-arm64-deb/packages

.PHONY: deb deb-test image image-inspect image-boot image-check arm64-check

# Installs Debian packages a target below needs, only when missing (as `deps` does for the build).
define apt_need
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:" $$missing; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

# lotsen_*.deb and lotsen-hub_*.deb in build-deb/packages/: the release build with the installed paths
# (/usr/share/lotsen) compiled in, packaged by CPack (cmake/Packaging.cmake).
deb: deps
	cmake --preset deb
	cmake --build --preset deb
	rm -f $(DEB_DIR)/*.deb
	cpack --preset deb
	@ls -l $(DEB_DIR)/*.deb

# Slow (a debootstrap the first time, cached in build-deb/deb-test/): installs both packages into a
# fresh Debian 12 root with apt and shows units, users, permissions and the programs running there.
deb-test: deb
	$(call apt_need,debootstrap)
	image/deb-test.sh $(DEB_DIR) build-deb/deb-test

# Cross-builds the kiosk and its unit tests for arm64 (build-arm64/), runs them and the headless tour
# under qemu-user-static, and compares the arm64 tour PNGs with the native ones pixel by pixel.
# Installs the cross toolchain and the :arm64 -dev packages first, refusing if apt would remove anything.
arm64-check:
	image/arm64-check.sh $(PACKAGES)

# The Raspberry Pi SD card image (image/README.md): the arm64 packages, then vmdb2 on image/lotsen-rpi.yaml.
# Root, binfmt_misc for aarch64 and 20-40 minutes; writes build-image/lotsen-rpi-arm64.img(.xz).
image:
	$(call apt_need,vmdb2 qemu-user-static binfmt-support dosfstools mtools kpartx parted xz-utils zerofree)
	image/arm64-check.sh --install-only $(PACKAGES)
	cmake --preset arm64-deb
	cmake --build --preset arm64-deb
	rm -f $(ARM64_DEB_DIR)/*.deb
	cpack --preset arm64-deb
	image/build-image.sh build-image

# Checks a built image without a Pi: partitions, packages, units, fstab, watchdog, cmdline.txt, boot files.
image-inspect:
	$(call apt_need,mtools parted)
	image/inspect-image.sh build-image/lotsen-rpi-arm64.img

# Boots the image's arm64 kernel under qemu-system-aarch64 -M virt (emulated 800×480 screen, a tap on
# it; image/README.md). ROTATION=90 (or 180, 270) boots a copy with [screen] rotation set, aims the tap
# through the turn and compares both screenshots, turned back, with the headless tour's (build/bin/lotsen).
ROTATION ?= 0
image-boot:
	$(call apt_need,qemu-system-arm mtools parted python3 e2fsprogs)
	ROTATION=$(ROTATION) image/qemu-boot.sh build-image/lotsen-rpi-arm64.img

# Validates the image recipe without building it (vmdb2 step keys, shellcheck, systemd-analyze verify).
image-check:
	$(call apt_need,vmdb2 shellcheck)
	image/build-image.sh --check

# ---- Fuzzing and the soak (docs/performance.md, "Soak, fuzzing and sanitizers"). `make test` replays
# the fuzz corpora and runs a 20,000-frame soak; these run them at length.
.PHONY: fuzz soak

# clang and its libFuzzer/sanitizer runtimes, for the fuzz preset only (not needed by `make test`).
FUZZ_PACKAGES := clang libclang-rt-14-dev
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := fuzz_catalogue_json fuzz_catalogue_csv fuzz_manifest fuzz_event_batch fuzz_hub_reply fuzz_hub_request
SOAK_FRAMES ?= 1000000

# Each libFuzzer target (ASan + UBSan) for FUZZ_SECONDS on a copy of its seeds; fails on any crash.
fuzz: deps
	$(call apt_need,$(FUZZ_PACKAGES))
	cmake --preset fuzz
	cmake --build --preset fuzz
	tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Random touches through every screen for SOAK_FRAMES frames; fails when RSS grew by 1 MiB or more.
soak: build
	$(BUILD_DIR)/bin/lotsen-soak --frames $(SOAK_FRAMES)

# ---- A software release bundle for `lotsen-hub publish release` (docs/updates.md, "Software releases").
.PHONY: release-bundle

# Builds the release preset and packs build-release/lotsen-release-<version>+g<commit>.tar.gz:
# bin/lotsen (and bin/lotsen-hub), share/lotsen/ (string tables, demo catalogue) and RELEASE.
release-bundle: deps
	cmake --preset release
	cmake --build --preset release --target lotsen lotsen-hub
	image/release-bundle.sh build-release
