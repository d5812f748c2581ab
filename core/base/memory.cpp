// memory.cpp — see memory.hpp.
#include "core/base/memory.hpp"

#include <malloc.h>

namespace lotsen {

void release_free_memory()
{
    ::malloc_trim(0);
}

}  // namespace lotsen
