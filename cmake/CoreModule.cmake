# One core/ folder = one static library `lotsen_<folder>` with the core folders it may use declared.
#   lotsen_core_module(<folder> SOURCES … [DEPENDS <core folder>…] [PUBLIC_LIBS …] [PRIVATE_LIBS …])
# Includes are written from the repository root ("core/storage/store.hpp"). DEPENDS is also what
# cmake/CheckLayering.cmake holds every #include of the folder against.
function(lotsen_core_module name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;DEPENDS;PUBLIC_LIBS;PRIVATE_LIBS")
  add_library(lotsen_${name} STATIC ${arg_SOURCES})
  target_include_directories(lotsen_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  set(dependency_targets ${arg_DEPENDS})
  list(TRANSFORM dependency_targets PREPEND lotsen_)
  target_link_libraries(lotsen_${name}
    PUBLIC ${dependency_targets} ${arg_PUBLIC_LIBS}
    PRIVATE ${arg_PRIVATE_LIBS} lotsen_warnings)
  lotsen_reuse_std_headers(lotsen_${name})
  set_property(GLOBAL APPEND PROPERTY LOTSEN_CORE_MODULES ${name})
  set_property(GLOBAL PROPERTY LOTSEN_CORE_DEPENDS_${name} "${arg_DEPENDS}")
endfunction()

# Writes the declared layers to <file> ("folder: dependency …" a line) and checks the tree against it.
function(lotsen_core_write_and_check_layers file)
  get_property(modules GLOBAL PROPERTY LOTSEN_CORE_MODULES)
  set(text "")
  foreach(module IN LISTS modules)
    get_property(depends GLOBAL PROPERTY LOTSEN_CORE_DEPENDS_${module})
    list(JOIN depends " " depends)
    string(APPEND text "${module}: ${depends}\n")
  endforeach()
  file(WRITE ${file} "${text}")
  lotsen_check_layering(${PROJECT_SOURCE_DIR}/core ${file} problems)
  if(problems)
    message("${problems}")  # unformatted, one line per problem
    message(FATAL_ERROR "core/ layering: an include above is not declared (cmake/CheckLayering.cmake)")
  endif()
endfunction()
