// curl_library.cpp — loading libcurl on demand: the table of its functions, the one process-wide
// instance and its curl_global_init.
#include "core/net/curl_library.hpp"
#include "core/base/shared_library.hpp"

#include <cstdio>
#include <mutex>
#include <string>

namespace lotsen {

Result<CurlLibrary> load_curl_library(const char* soname)
{
    const SharedLibrary library = LOTSEN_TRY(SharedLibrary::open(soname));
    CurlLibrary curl;
    LOTSEN_TRY(library.find("curl_global_init", curl.global_init));
    LOTSEN_TRY(library.find("curl_easy_init", curl.easy_init));
    LOTSEN_TRY(library.find("curl_easy_cleanup", curl.easy_cleanup));
    LOTSEN_TRY(library.find("curl_easy_setopt", curl.easy_setopt));
    LOTSEN_TRY(library.find("curl_easy_getinfo", curl.easy_getinfo));
    LOTSEN_TRY(library.find("curl_easy_perform", curl.easy_perform));
    LOTSEN_TRY(library.find("curl_easy_strerror", curl.easy_strerror));
    LOTSEN_TRY(library.find("curl_slist_append", curl.slist_append));
    LOTSEN_TRY(library.find("curl_slist_free_all", curl.slist_free_all));
    return curl;
}

Result<const CurlLibrary*> curl_library()
{
    static std::mutex mutex;
    static CurlLibrary loaded;
    static bool ready = false;
    static std::string logged;  // the last failure written to the journal
    std::lock_guard lock(mutex);
    if (ready)
        return &loaded;
    std::string failure;
    if (auto library = load_curl_library(k_curl_soname); !library) {
        failure = library.error().text();
    } else {
        // curl_global_init is not thread-safe in every libcurl: once, before any handle, under the mutex.
        const CURLcode code = library.value().global_init(CURL_GLOBAL_DEFAULT);
        if (code == CURLE_OK) {
            loaded = library.value();
            ready = true;
            return &loaded;
        }
        failure = std::string(k_curl_soname) + " could not be initialised: " + library.value().easy_strerror(code);
    }
    if (failure != logged) {
        std::fprintf(stderr, "lotsen: HTTP is off: %s; uploads and updates wait and try again\n", failure.c_str());
        logged = failure;
    }
    return Error{failure};
}

}  // namespace lotsen
