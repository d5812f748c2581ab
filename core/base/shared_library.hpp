// shared_library.hpp — a library opened with dlopen when a feature first needs it, rather than by the
// loader before main() (libcurl, espeak-ng: the kiosk's first frame does not wait for them; see
// docs/performance.md). One door, so every failure reads the same: the library's name and dlerror().
#pragma once

#include "core/base/result.hpp"

#include <cstring>
#include <string>

namespace lotsen {

/// A shared library opened with dlopen and never closed: its functions may still run on other threads
/// (and keep state of their own) until the process ends.
class SharedLibrary {
public:
    /// Opens `soname` ("libcurl.so.4") with every symbol bound now, so a missing one is an error here
    /// rather than a crash later. The error names the library and quotes dlerror().
    static Result<SharedLibrary> open(const std::string& soname);

    /// Sets `function` (a function pointer) to function `name`; the error names the library and the
    /// function, and `function` is left as it was.
    template <typename F>
    Result<void> find(const char* name, F& function) const
    {
        void* found = LOTSEN_TRY(symbol(name));
        static_assert(sizeof function == sizeof found, "a function pointer must fit in a data pointer (POSIX)");
        std::memcpy(&function, &found, sizeof function);  // POSIX's dlsym way; ISO C++ has no cast for it
        return success();
    }

    /// The name it was opened by.
    const std::string& soname() const { return m_soname; }

private:
    SharedLibrary(void* handle, std::string soname) : m_handle(handle), m_soname(std::move(soname)) {}
    Result<void*> symbol(const char* name) const;

    void* m_handle;
    std::string m_soname;
};

}  // namespace lotsen
