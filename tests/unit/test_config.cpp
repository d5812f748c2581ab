// test_config.cpp — the kiosk's TOML configuration: defaults, values, and errors with file and line.
#include "config.hpp"

#include <gtest/gtest.h>

using namespace lotsen;

TEST(Config, EmptyFileGivesDefaults)
{
    auto config = parse_kiosk_config("", "empty.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config.value().town, "Halmstad");
    EXPECT_EQ(config.value().default_language, "sv");
    EXPECT_EQ(config.value().languages.size(), 7u);
    EXPECT_TRUE(config.value().fullscreen);
}

TEST(Config, ReadsEveryKey)
{
    auto config = parse_kiosk_config(R"(
[kiosk]
town = "Varberg"
default_language = "en"
languages = ["en", "sv", "ar"]
[screen]
width = 800
height = 480
fullscreen = false
diagonal_inches = 7
)", "kiosk.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config.value().town, "Varberg");
    EXPECT_EQ(config.value().default_language, "en");
    EXPECT_EQ(config.value().languages, (std::vector<LanguageCode>{"en", "sv", "ar"}));
    EXPECT_EQ(config.value().screen_width, 800);
    EXPECT_EQ(config.value().screen_height, 480);
    EXPECT_FALSE(config.value().fullscreen);
    EXPECT_DOUBLE_EQ(config.value().screen_diagonal_inches, 7.0);
}

TEST(Config, ShippedDefaultsFileParsesToTheBuiltInDefaults)
{
    auto config = load_kiosk_config(std::string(LOTSEN_SOURCE_DIR) + "/config/lotsen.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    const KioskConfig defaults;
    EXPECT_EQ(config.value().town, defaults.town);
    EXPECT_EQ(config.value().languages, defaults.languages);
    EXPECT_EQ(config.value().screen_width, defaults.screen_width);
    EXPECT_DOUBLE_EQ(config.value().screen_diagonal_inches, defaults.screen_diagonal_inches);
}

TEST(Config, UnknownKeyNamesFileLineAndKey)
{
    auto config = parse_kiosk_config("[kiosk]\ntown = \"Laholm\"\ntwon = \"Laholm\"\n", "k.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().message, "k.toml:3: kiosk.twon: unknown key");
}

TEST(Config, UnknownSectionIsRefused)
{
    auto config = parse_kiosk_config("[screan]\nwidth = 800\n", "k.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().message, "k.toml:1: screan: unknown key");
}

TEST(Config, WrongTypeAndRangeAreRefused)
{
    auto wrong_type = parse_kiosk_config("[screen]\nwidth = \"800\"\n", "k.toml");
    ASSERT_FALSE(wrong_type.ok());
    EXPECT_EQ(wrong_type.error().message, "k.toml:2: screen.width: expected an integer from 200 to 8192");
    auto too_small = parse_kiosk_config("[screen]\nheight = 10\n", "k.toml");
    ASSERT_FALSE(too_small.ok());
    EXPECT_EQ(too_small.error().message, "k.toml:2: screen.height: expected an integer from 200 to 8192");
}

TEST(Config, DefaultLanguageMustBeOffered)
{
    auto config = parse_kiosk_config("[kiosk]\ndefault_language = \"fi\"\n", "k.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().message, "k.toml: kiosk.default_language \"fi\" is not in kiosk.languages");
}

TEST(Config, SyntaxErrorHasLineAndColumn)
{
    auto config = parse_kiosk_config("[kiosk]\ntown = \"Halmstad\n", "k.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().message.rfind("k.toml:2:", 0), 0u) << config.error().message;
}

TEST(Config, ScreenSize)
{
    auto size = parse_screen_size("800x480");
    ASSERT_TRUE(size.ok());
    EXPECT_EQ(size.value(), std::make_pair(800, 480));
    EXPECT_FALSE(parse_screen_size("800").ok());
    EXPECT_FALSE(parse_screen_size("800x").ok());
    EXPECT_FALSE(parse_screen_size("100x480").ok());
    EXPECT_FALSE(parse_screen_size("800x480x2").ok());
    EXPECT_EQ(parse_screen_size("axb").error().message,
              "screen size \"axb\": expected WIDTHxHEIGHT, each 200 to 8192, e.g. 800x480");
}
