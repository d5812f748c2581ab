// curl_library.hpp — libcurl for core/net, opened with dlopen when the first HTTP session is made (on
// the upload or update thread) instead of by the loader before the kiosk's first frame; its 25 objects
// and some 47,000 relocations then cost nothing at start (docs/performance.md). The functions core/net calls,
// resolved once into one table. <curl/curl.h> still gives the types and constants.
#pragma once

#include "core/base/result.hpp"

#include <curl/curl.h>

namespace lotsen {

/// The soname core/net loads: Debian 12's libcurl4 (the kiosk package depends on it by name).
inline constexpr const char* k_curl_soname = "libcurl.so.4";

/// The libcurl functions core/net uses, resolved from one loaded library.
struct CurlLibrary {
    decltype(&curl_global_init) global_init = nullptr;        ///< curl_global_init
    decltype(&curl_easy_init) easy_init = nullptr;            ///< curl_easy_init
    decltype(&curl_easy_cleanup) easy_cleanup = nullptr;      ///< curl_easy_cleanup
    decltype(&curl_easy_setopt) easy_setopt = nullptr;        ///< curl_easy_setopt (variadic, as in curl.h)
    decltype(&curl_easy_getinfo) easy_getinfo = nullptr;      ///< curl_easy_getinfo (variadic)
    decltype(&curl_easy_perform) easy_perform = nullptr;      ///< curl_easy_perform
    decltype(&curl_easy_strerror) easy_strerror = nullptr;    ///< curl_easy_strerror
    decltype(&curl_slist_append) slist_append = nullptr;      ///< curl_slist_append
    decltype(&curl_slist_free_all) slist_free_all = nullptr;  ///< curl_slist_free_all
};

/// Opens `soname` and resolves every function of CurlLibrary (no curl_global_init). The error names
/// the library and quotes dlerror(). Tests pass a soname that does not exist.
Result<CurlLibrary> load_curl_library(const char* soname);

/// The process's libcurl: loaded and curl_global_init'ed once, by whichever thread asks first (thread-
/// safe). A failure is logged to stderr (the journal) with what the uploads and updates do meanwhile,
/// once per distinct reason, and the next call tries again.
Result<const CurlLibrary*> curl_library();

}  // namespace lotsen
