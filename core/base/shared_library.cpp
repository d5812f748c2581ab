// shared_library.cpp — dlopen and dlsym behind SharedLibrary, with their errors as values.
#include "core/base/shared_library.hpp"

#include <dlfcn.h>

namespace lotsen {

namespace {

std::string last_dl_error()
{
    const char* error = dlerror();  // also clears it, so the next call's error is its own
    return error ? std::string(error) : std::string("no reason given");
}

}  // namespace

Result<SharedLibrary> SharedLibrary::open(const std::string& soname)
{
    dlerror();
    // RTLD_NOW: a library missing a function we need fails here, said clearly, not at the first call.
    // RTLD_LOCAL: its symbols stay out of the global scope, as they were for nothing else before.
    void* handle = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr)
        return Error{"cannot load " + soname + ": " + last_dl_error()};
    return SharedLibrary(handle, soname);
}

Result<void*> SharedLibrary::symbol(const char* name) const
{
    dlerror();
    void* found = dlsym(m_handle, name);
    if (found == nullptr)
        return Error{m_soname + " has no function " + name + ": " + last_dl_error()};
    return found;
}

}  // namespace lotsen
