// The bounded JSON parse every reader of outside JSON uses, and the one escaping door for terminals
// and logs (issue 17: a million nested arrays crashed the hub; kiosk-sent text forged fleet lines).
#include "core/base/json_parse.hpp"
#include "core/base/terminal_text.hpp"

#include <gtest/gtest.h>

namespace lotsen {
namespace {

TEST(JsonParse, ReadsOrdinaryJson)
{
    auto parsed = parse_json(R"({"a":[1,2,{"b":null}],"c":"d"})");
    ASSERT_TRUE(parsed.ok()) << parsed.error().text();
    EXPECT_EQ(parsed.value()["a"][2].contains("b"), true);
    EXPECT_EQ(parsed.value()["c"], "d");
}

TEST(JsonParse, RefusesAMillionNestedArraysWithoutBuildingThem)
{
    const std::string deep = "{\"data\":" + std::string(1'000'000, '[') + std::string(1'000'000, ']') + "}";
    auto parsed = parse_json(deep, "body");
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().subject, "body");
    EXPECT_NE(parsed.error().message.find("nested more than 64 levels"), std::string::npos) << parsed.error().text();
    EXPECT_NE(parsed.error().message.find("$.data[0][0]"), std::string::npos) << parsed.error().text();
}

TEST(JsonParse, TheBoundIsExact)
{
    const auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
    EXPECT_TRUE(parse_json(nested(k_max_json_depth)).ok());
    EXPECT_FALSE(parse_json(nested(k_max_json_depth + 1)).ok());
    EXPECT_TRUE(parse_json(nested(3), {}, 3).ok());
    EXPECT_FALSE(parse_json(nested(4), {}, 3).ok());
}

TEST(JsonParse, ASyntaxErrorSaysWhere)
{
    auto parsed = parse_json("{\"a\": tru}", "manifest");
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().text().rfind("manifest: not JSON: ", 0), 0u) << parsed.error().text();
    EXPECT_NE(parsed.error().message.find("byte offset"), std::string::npos) << parsed.error().text();
    EXPECT_TRUE(parse_json_or_null("[").is_null());
}

TEST(JsonIsObject, AcceptsOneObjectWithinTheBoundAndNothingElse)
{
    EXPECT_TRUE(json_is_object(R"({"mood":2,"first_visit":true,"tags":["a",{"b":null}]})"));
    EXPECT_TRUE(json_is_object(" {} "));
    EXPECT_FALSE(json_is_object("[]"));
    EXPECT_FALSE(json_is_object("42"));
    EXPECT_FALSE(json_is_object("\"text\""));
    EXPECT_FALSE(json_is_object(""));
    EXPECT_FALSE(json_is_object("{\"a\":1"));
    EXPECT_FALSE(json_is_object("{} {}"));
    EXPECT_FALSE(json_is_object("{\"a\":1}x"));
    // The same bound as parse_json: the top object is depth 1.
    const auto nested = [](std::size_t depth) {
        return "{\"a\":" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
    };
    EXPECT_TRUE(json_is_object(nested(k_max_json_depth)));
    EXPECT_FALSE(json_is_object(nested(k_max_json_depth + 1)));
    EXPECT_EQ(json_is_object(nested(k_max_json_depth)), parse_json(nested(k_max_json_depth)).ok());
    EXPECT_EQ(json_is_object(nested(k_max_json_depth + 1)), parse_json(nested(k_max_json_depth + 1)).ok());
}

TEST(TerminalText, ControlCharactersAndEscapesAreShownNotObeyed)
{
    EXPECT_EQ(escape_for_terminal("plain text, åäö, مرحبا"), "plain text, åäö, مرحبا");
    EXPECT_EQ(escape_for_terminal("a\nb\r\tc"), "a\\x0ab\\x0d\\x09c");
    EXPECT_EQ(escape_for_terminal("\x1b]0;owned\x07"), "\\x1b]0;owned\\x07");
    EXPECT_EQ(escape_for_terminal("\x7f"), "\\x7f");
    EXPECT_EQ(escape_for_terminal("\xc2\x9b" "2J"), "\\xc2\\x9b2J");  // C1 CSI
    EXPECT_EQ(escape_for_terminal("\xff\xfe"), "\\xff\\xfe");         // not UTF-8
    EXPECT_EQ(escape_for_terminal("a\\x0a"), "a\\\\x0a");               // a sent "\x0a" stays tellable apart
}

}  // namespace
}  // namespace lotsen
