// SharedLibrary: libraries opened after start-up (dlopen) — the errors name the library, the function
// and dlerror(), and a found function is the real one.
#include "core/base/shared_library.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

using lotsen::SharedLibrary;

TEST(SharedLibrary, AMissingLibraryIsAnErrorNamingItAndDlerror)
{
    auto opened = SharedLibrary::open("liblotsen-no-such-library.so.7");
    ASSERT_FALSE(opened);
    const std::string text = opened.error().text();
    EXPECT_NE(text.find("cannot load liblotsen-no-such-library.so.7: "), std::string::npos) << text;
    EXPECT_NE(text.find("cannot open shared object file"), std::string::npos) << text;  // dlerror()'s words
}

TEST(SharedLibrary, FindsARealFunctionAndNamesAMissingOne)
{
    auto opened = SharedLibrary::open("libc.so.6");
    ASSERT_TRUE(opened) << opened.error().text();
    int (*absolute)(int) = nullptr;
    auto found = opened.value().find("abs", absolute);
    ASSERT_TRUE(found) << found.error().text();
    ASSERT_NE(absolute, nullptr);
    EXPECT_EQ(absolute(-42), 42);
    void (*nothing)() = nullptr;
    auto missing = opened.value().find("lotsen_no_such_function", nothing);
    ASSERT_FALSE(missing);
    EXPECT_EQ(nothing, nullptr);
    EXPECT_NE(missing.error().text().find("libc.so.6 has no function lotsen_no_such_function: "), std::string::npos)
        << missing.error().text();
}
