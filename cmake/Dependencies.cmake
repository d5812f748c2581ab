# Finds every dependency among Debian 12's packages (see the Makefile's package list).
# Nothing is vendored and nothing is downloaded at build time.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CURL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
# Catalogue images (core/image): the hub checks headers, the kiosk decodes.
find_package(PNG REQUIRED)
find_package(JPEG REQUIRED)

pkg_check_modules(sodium REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(qrencode REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(fribidi REQUIRED IMPORTED_TARGET fribidi)
pkg_check_modules(tomlplusplus REQUIRED IMPORTED_TARGET tomlplusplus)
pkg_check_modules(espeak REQUIRED IMPORTED_TARGET espeak-ng)

# Only the kiosk draws; the fuzz preset (LOTSEN_BUILD_KIOSK=OFF) builds without SDL and ImGui.
if(LOTSEN_BUILD_KIOSK)
  find_package(SDL2 REQUIRED CONFIG)
  find_package(Freetype REQUIRED)
  pkg_check_modules(imgui REQUIRED IMPORTED_TARGET imgui)

  # Dear ImGui's SDL_Renderer backend is not in libimgui.a; Debian ships its source as documentation.
  set(LOTSEN_IMGUI_BACKENDS_DIR /usr/share/doc/libimgui-dev/examples/backends
      CACHE PATH "Where libimgui-dev ships the backend sources")
  set(LOTSEN_IMGUI_SDLRENDERER_SRC ${LOTSEN_IMGUI_BACKENDS_DIR}/imgui_impl_sdlrenderer.cpp)
  if(NOT EXISTS ${LOTSEN_IMGUI_SDLRENDERER_SRC})
    message(FATAL_ERROR
      "Dear ImGui's SDL_Renderer backend source is missing: ${LOTSEN_IMGUI_SDLRENDERER_SRC}\n"
      "It is shipped by Debian's libimgui-dev (1.86). Install it with: apt-get install libimgui-dev\n"
      "or point LOTSEN_IMGUI_BACKENDS_DIR at a directory holding imgui_impl_sdlrenderer.cpp.")
  endif()
endif()

if(LOTSEN_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
