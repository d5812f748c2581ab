# One place for compiler warnings; every Lotsen target links lotsen_warnings.
add_library(lotsen_warnings INTERFACE)
target_compile_options(lotsen_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${LOTSEN_WARNINGS_AS_ERRORS}>:-Werror>)
