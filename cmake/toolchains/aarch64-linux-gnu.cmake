# Cross-compiling for 64-bit ARM (Raspberry Pi 3/4/5 on Debian 12) with Debian's own cross toolchain
# (crossbuild-essential-arm64) against multiarch libraries: the :arm64 -dev packages install beside the
# native ones, libraries in /usr/lib/aarch64-linux-gnu, headers shared in /usr/include. No sysroot is
# needed; `make arm64-check` installs what is missing and shows the build and its tests.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# pkg-config's cross wrapper reads only the arm64 .pc files (/usr/lib/aarch64-linux-gnu/pkgconfig and
# the architecture-independent /usr/share/pkgconfig), never the build machine's.
set(PKG_CONFIG_EXECUTABLE aarch64-linux-gnu-pkg-config CACHE FILEPATH "pkg-config for arm64")

# Programs (code generators, pkg-config) are the build machine's; libraries and CMake package files are
# found through CMAKE_LIBRARY_ARCHITECTURE in the multiarch directories.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

# Tests and gtest_discover_tests run the arm64 programs under Debian's qemu-user-static. The arm64
# dynamic loader and libraries are the multiarch ones (libc6:arm64), so no -L prefix is needed.
find_program(LOTSEN_QEMU_AARCH64 qemu-aarch64-static)
if(LOTSEN_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${LOTSEN_QEMU_AARCH64})
endif()
