# Debian packages through CPack: `lotsen` (the kiosk) and `lotsen-hub` (the region's upstream), one
# package per install component. `make deb` builds them with the `deb` preset; docs/operations.md says
# what each installs and how a kiosk is set up from them.
#
# Paths follow Debian: programs in /usr/bin, assets in /usr/share/lotsen, the configuration in
# /etc/lotsen (a conffile), state in /var/lib/lotsen and /var/lib/lotsen-hub (the units' StateDirectory=,
# also made by postinst so an operator can run `lotsen --kiosk-key` before the first start), units in
# /lib/systemd/system (bookworm's unit directory; dpkg does not alias it to /usr/lib).
include(GNUInstallDirs)

set(LOTSEN_SYSTEMD_UNIT_DIR /lib/systemd/system CACHE PATH "Where the packages install systemd units")

# Kiosk: assets, default configuration and unit. The program itself is installed by kiosk/CMakeLists.txt.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/i18n
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lotsen COMPONENT kiosk)
# The demo catalogue lets a freshly installed kiosk show something before its first sync. The demo hub's
# secret key next to it is deliberately not installed.
install(FILES ${PROJECT_SOURCE_DIR}/assets/demo/catalogue.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lotsen/demo COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/config/lotsen.toml
        DESTINATION /etc/lotsen COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/config/systemd/lotsen.service
        DESTINATION ${LOTSEN_SYSTEMD_UNIT_DIR} COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/config/systemd/lotsen-hub.service
              ${PROJECT_SOURCE_DIR}/config/systemd/lotsen-hub-retention.service
              ${PROJECT_SOURCE_DIR}/config/systemd/lotsen-hub-retention.timer
              ${PROJECT_SOURCE_DIR}/config/systemd/lotsen-hub-office.service
        DESTINATION ${LOTSEN_SYSTEMD_UNIT_DIR} COMPONENT hub)
# The runbook's proxy (docs/operations.md, "Run a hub from nothing").
install(FILES ${PROJECT_SOURCE_DIR}/config/nginx/lotsen-hub.conf
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/lotsen-hub/examples COMPONENT hub)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lotsen)
set(CPACK_PACKAGE_VENDOR "Lotsen project")
set(CPACK_PACKAGE_CONTACT "Lotsen maintainers <lotsen@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL kiosk hub)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # lotsen_0.1.0-1_arm64.deb, as dpkg names them
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Library dependencies come from dpkg-shlibdeps over the built programs, so they follow whatever the
# build linked (and the architecture it was built for), never a hand-kept list.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# Cross builds (cmake/toolchains/) package for the target; dpkg-shlibdeps then reads the :arm64 libraries.
if(CMAKE_CROSSCOMPILING AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
endif()

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME lotsen)
set(CPACK_DEBIAN_KIOSK_FILE_NAME DEB-DEFAULT)
# Fonts and espeak-ng's voices are read at run time, so dpkg-shlibdeps cannot see them; nor EGL, GBM and
# OpenGL, which SDL opens at run time for the unit's KMS/DRM display (Mesa provides the drivers). SDL
# prefers its OpenGL renderer; with only OpenGL ES 2 the screen stayed empty under image/qemu-boot.sh.
# libcurl and espeak-ng are opened with dlopen after the first frame (core/net, core/speech), so they
# are not among `lotsen`'s NEEDED either and dpkg-shlibdeps no longer finds them: named here, at the
# versions the code needs (CURLOPT_PROTOCOLS_STR is 7.85; Debian 12 ships 7.88 and espeak-ng 1.51).
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "adduser, fonts-noto-core, fonts-font-awesome, espeak-ng-data, libegl1, libgl1, libgles2, libgbm1, libcurl4 (>= 7.85.0), libespeak-ng1 (>= 1.51)")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "libegl-mesa0, libglx-mesa0, libgl1-mesa-dri")
set(CPACK_COMPONENT_KIOSK_DESCRIPTION
  "touchscreen kiosk that guides visitors into association life\nLotsen shows the activities of local associations on a touchscreen, in the\nvisitor's language, works offline, and sends anonymous check-ins and sealed\ncontact requests to the region's hub. This package holds the kiosk program,\nits string tables, the default configuration and its systemd unit.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
  "${PROJECT_SOURCE_DIR}/cmake/deb/lotsen/conffiles;${PROJECT_SOURCE_DIR}/cmake/deb/lotsen/postinst;${PROJECT_SOURCE_DIR}/cmake/deb/lotsen/prerm;${PROJECT_SOURCE_DIR}/cmake/deb/lotsen/postrm")

set(CPACK_DEBIAN_HUB_PACKAGE_NAME lotsen-hub)
set(CPACK_DEBIAN_HUB_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_HUB_PACKAGE_DEPENDS "adduser")
set(CPACK_COMPONENT_HUB_DESCRIPTION
  "upstream and operator tool for a fleet of Lotsen kiosks\nlotsen-hub receives the kiosks' signed batches over HTTP, keeps enrolled kiosks,\nthe sealed contact-request inbox and anonymous statistics, and checks and\nconverts activity catalogues.")
set(CPACK_DEBIAN_HUB_PACKAGE_CONTROL_EXTRA
  "${PROJECT_SOURCE_DIR}/cmake/deb/lotsen-hub/postinst;${PROJECT_SOURCE_DIR}/cmake/deb/lotsen-hub/prerm;${PROJECT_SOURCE_DIR}/cmake/deb/lotsen-hub/postrm")
# Maintainer scripts must be 0755 and conffiles 0644 in the control archive, whatever the checkout says.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
