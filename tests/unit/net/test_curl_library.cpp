// core/net's libcurl, opened after start-up: a missing library is a clear error (no crash), the real
// one resolves every function core/net calls, and the process's instance makes working sessions.
#include "core/net/curl_library.hpp"
#include "core/net/http_session.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace lotsen;

TEST(CurlLibrary, AMissingLibraryIsAnErrorNamingItAndDlerror)
{
    auto loaded = load_curl_library("libcurl-lotsen-missing.so.4");
    ASSERT_FALSE(loaded);
    const std::string text = loaded.error().text();
    EXPECT_NE(text.find("cannot load libcurl-lotsen-missing.so.4: "), std::string::npos) << text;
    EXPECT_NE(text.find("cannot open shared object file"), std::string::npos) << text;
}

TEST(CurlLibrary, TheRealOneHasEveryFunctionAndMakesSessions)
{
    auto loaded = load_curl_library(k_curl_soname);
    ASSERT_TRUE(loaded) << loaded.error().text();
    const CurlLibrary& curl = loaded.value();
    for (const void* function : {reinterpret_cast<const void*>(curl.global_init), reinterpret_cast<const void*>(curl.easy_init),
                                 reinterpret_cast<const void*>(curl.easy_cleanup), reinterpret_cast<const void*>(curl.easy_setopt),
                                 reinterpret_cast<const void*>(curl.easy_getinfo), reinterpret_cast<const void*>(curl.easy_perform),
                                 reinterpret_cast<const void*>(curl.easy_strerror), reinterpret_cast<const void*>(curl.slist_append),
                                 reinterpret_cast<const void*>(curl.slist_free_all)})
        EXPECT_NE(function, nullptr);
    EXPECT_STREQ(curl.easy_strerror(CURLE_OK), "No error");

    auto process_curl = curl_library();
    ASSERT_TRUE(process_curl) << process_curl.error().text();
    EXPECT_EQ(process_curl.value(), curl_library().value());  // loaded once
    auto session = HttpSession::create({});
    ASSERT_TRUE(session) << session.error().text();
    // Nothing listens on port 9 of loopback (discard): a transport error from libcurl, said in its words.
    HttpRequest request;
    request.url = "http://127.0.0.1:9/";
    request.timeout = std::chrono::seconds(10);
    StringSink sink(1024);
    const HttpResult result = session.value()->perform(request, sink);
    EXPECT_FALSE(result.transport_ok);
    EXPECT_FALSE(result.transport_error.empty());
}
