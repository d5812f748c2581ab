// test_url.cpp — the [upstream] url checks (core/url): what is taken as a hub's base address and
// what is refused before anything is sent to it.
#include "core/url/url.hpp"

#include <gtest/gtest.h>

namespace lotsen {
namespace {

TEST(UpstreamUrl, Checks)
{
    EXPECT_TRUE(validate_upstream_url("https://hub.example.se").ok());
    EXPECT_TRUE(validate_upstream_url("http://127.0.0.1:8080").ok());
    for (const char* bad : {"hub.example.se", "ftp://hub", "https://", "https:///path", "https://hub example.se",
                            "https://hub.example.se/?x=1", "https://hub.example.se/#top", ""}) {
        EXPECT_FALSE(validate_upstream_url(bad).ok()) << bad;
    }
}

}  // namespace
}  // namespace lotsen
