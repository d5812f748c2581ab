// A file of a folder whose layers (layers.txt) do not let it use core/beta: the check must name it.
#include "core/alpha/alpha.hpp"
#include "core/beta/beta.hpp"
