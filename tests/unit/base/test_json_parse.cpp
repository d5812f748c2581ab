// The bounded JSON parse every reader of outside JSON uses, and the one escaping door for terminals
// and logs (issue 17: a million nested arrays crashed the hub; kiosk-sent text forged fleet lines).
#include "core/base/json_parse.hpp"
#include "core/base/terminal_text.hpp"

#include <gtest/gtest.h>

#include <limits>

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

TEST(JsonEncodedSize, IsTheSizeDumpWritesForEveryKindOfValue)
{
    std::string every_byte;  // every byte an escape can stand for, and UTF-8 kept as it is
    for (int c = 1; c < 0x80; ++c)
        every_byte += static_cast<char>(c);
    every_byte += "\xC3\xA5\xD8\xB9\xE2\x80\xA6\xF0\x9F\x98\x80";  // å ع … 😀
    const nlohmann::json values[] = {
        nullptr, true, false, 0, 7, 10, 99, -1, -10, 1'000'000,
        std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
        std::numeric_limits<std::uint64_t>::max(), 0.5, -1e300, 3.0,
        "", "plain", std::string("nul\0byte", 8), every_byte,
        nlohmann::json::object(), nlohmann::json::array(),
        {{"a\"b\\c\n", {1, "x", nullptr}}, {"", nlohmann::json::object()}, {"\x1f", {{"k", {true, false}}}}},
        nlohmann::json::array({nlohmann::json::array(), nlohmann::json::object(), "\t"}),
    };
    for (const nlohmann::json& value : values)
        EXPECT_EQ(json_encoded_size(value), value.dump().size()) << value.dump();
}

TEST(JsonEncodedSize, MatchesDumpOnParsedEvents)
{
    auto parsed = parse_json(R"({"id":"e\u0001","kind":"checkin","created_at":-1700000000,"data":{"activity_id":"a/b",)"
                             R"("first_visit":true,"mood":"good","n":[1, 2.25, 18446744073709551615]}})");
    ASSERT_TRUE(parsed.ok()) << parsed.error().text();
    EXPECT_EQ(json_encoded_size(parsed.value()), parsed.value().dump().size());
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
