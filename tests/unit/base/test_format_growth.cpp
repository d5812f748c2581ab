// test_format_growth.cpp — the shared pieces of "how formats grow": collapsing array positions in a
// member path, and the bounded, counted list of members a tolerant reader ignored.
#include "core/base/format_growth.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace lotsen;

TEST(FormatGrowth, CollapsesArrayPositionsOnly)
{
    EXPECT_EQ(collapse_indices("$.activities[12].image"), "$.activities[].image");
    EXPECT_EQ(collapse_indices("$.a[0].b[345].c"), "$.a[].b[].c");
    EXPECT_EQ(collapse_indices("$[\"a b\"].c"), "$[\"a b\"].c");  // a quoted key is not a position
    EXPECT_EQ(collapse_indices("$.a[1x]"), "$.a[1x]");
    EXPECT_EQ(collapse_indices("screen.rotation"), "screen.rotation");
    EXPECT_EQ(collapse_indices(""), "");
}

TEST(FormatGrowth, CountsEachPathOnceInOrderFirstSeen)
{
    IgnoredMembers ignored;
    EXPECT_TRUE(ignored.empty());
    for (int i = 0; i < 5000; ++i)
        ignored.add("$.activities[" + std::to_string(i) + "].image");
    ignored.add("$.owner");
    EXPECT_FALSE(ignored.empty());
    EXPECT_EQ(ignored.total(), 5001u);
    ASSERT_EQ(ignored.paths().size(), 2u);
    EXPECT_EQ(ignored.paths()[0].count, 5000u);
    EXPECT_EQ(ignored.summary(), "$.activities[].image (5000 times), $.owner");
}

TEST(FormatGrowth, KeepsAtMostABoundedNumberOfPaths)
{
    IgnoredMembers ignored;
    const std::size_t extra = 7;
    for (std::size_t i = 0; i < IgnoredMembers::k_max_paths + extra; ++i)
        ignored.add("$.m" + std::to_string(i));
    EXPECT_EQ(ignored.paths().size(), IgnoredMembers::k_max_paths);
    EXPECT_EQ(ignored.total(), IgnoredMembers::k_max_paths + extra);
    const std::string summary = ignored.summary();
    EXPECT_NE(summary.find("$.m0, $.m1"), std::string::npos);
    EXPECT_NE(summary.find(", and 7 more"), std::string::npos) << summary;
    EXPECT_EQ(summary.find("$.m" + std::to_string(IgnoredMembers::k_max_paths)), std::string::npos);
}
