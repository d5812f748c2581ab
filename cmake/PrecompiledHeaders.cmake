# The standard library headers nearly every file of core/, kiosk/ and hub/ includes, compiled once per
# build and reused by each of their libraries and programs (docs/performance.md, "The time CI takes").
# The test programs have their own (GoogleTest and nlohmann/json besides; tests/CMakeLists.txt).
#
# Only where nothing is optimised (GCC's Debug: the asan preset), where parsing is most of a file's
# compile. At -O2, GCC 12 reports its optimiser's false positives inside the standard headers once they
# come from a precompiled header (-Warray-bounds in std::string's copies, which the same code without
# one keeps quiet as a system header's), and the ci preset's -Werror stops on them.
#
# A target that reuses lotsen_std_headers must be compiled with the same options, so it links
# lotsen_warnings as they all do; GCC checks it and says so with -Winvalid-pch.
set(LOTSEN_STD_HEADERS_PRECOMPILED OFF)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_BUILD_TYPE STREQUAL "Debug")
  set(LOTSEN_STD_HEADERS_PRECOMPILED ON)
  add_library(lotsen_std_headers OBJECT ${PROJECT_SOURCE_DIR}/cmake/std_headers.cpp)
  target_link_libraries(lotsen_std_headers PRIVATE lotsen_warnings)
  target_precompile_headers(lotsen_std_headers PRIVATE
    <algorithm> <chrono> <functional> <map> <memory> <optional> <set> <span> <sstream> <string>
    <string_view> <unordered_map> <variant> <vector>)
endif()

# lotsen_reuse_std_headers(<target>…) — those targets' C++ files start from the precompiled headers.
function(lotsen_reuse_std_headers)
  if(LOTSEN_STD_HEADERS_PRECOMPILED)
    foreach(target ${ARGN})
      target_precompile_headers(${target} REUSE_FROM lotsen_std_headers)
    endforeach()
  endif()
endfunction()
