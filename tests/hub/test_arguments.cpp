// The command line of `lotsen-hub`'s commands (hub/cli/arguments.hpp): what goes where, and the
// words that stop parsing with a problem the command then prints above its help.
#include "hub/cli/arguments.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lotsen::hub::cli {
namespace {

// argv for `lotsen-hub <words…>`; the strings live as long as the returned object.
struct Argv {
    explicit Argv(std::vector<std::string> words) : m_words(std::move(words))
    {
        m_pointers.push_back(m_program.data());
        for (std::string& word : m_words)
            m_pointers.push_back(word.data());
    }
    int argc() const { return static_cast<int>(m_pointers.size()); }
    char** argv() { return m_pointers.data(); }

    std::string m_program = "lotsen-hub";
    std::vector<std::string> m_words;
    std::vector<char*> m_pointers;
};

TEST(HubArguments, SortsValuesFlagsAndPositionalWordsAfterTheCommand)
{
    Argv line({"enroll", "--data-dir", "/srv/hub", "KEY", "--list", "--site", "Halmstad", "-"});
    const Arguments arguments = parse_arguments(line.argc(), line.argv(), {"--data-dir", "--site"}, {"--list"});
    EXPECT_EQ(arguments.problem, "");
    EXPECT_EQ(arguments.value("--data-dir"), "/srv/hub");
    EXPECT_EQ(arguments.value("--site"), "Halmstad");
    EXPECT_FALSE(arguments.value("--name"));
    EXPECT_TRUE(arguments.has("--list"));
    EXPECT_FALSE(arguments.has("--revoke"));
    // The command's own name is not a positional word; a lone "-" is.
    EXPECT_EQ(arguments.positional, (std::vector<std::string>{"KEY", "-"}));
}

TEST(HubArguments, ARepeatableOptionKeepsEveryValueInOrder)
{
    Argv line({"serve", "--hold-kind", "checkin", "--data-dir", "d", "--hold-kind", "heartbeat"});
    const Arguments arguments = parse_arguments(line.argc(), line.argv(), {"--data-dir", "--hold-kind"}, {});
    EXPECT_EQ(arguments.problem, "");
    EXPECT_EQ(arguments.all_values("--hold-kind"), (std::vector<std::string>{"checkin", "heartbeat"}));
    EXPECT_EQ(arguments.all_values("--data-dir"), (std::vector<std::string>{"d"}));
    EXPECT_TRUE(arguments.all_values("--listen").empty());
}

TEST(HubArguments, AnOptionWithoutItsValueIsAProblem)
{
    Argv line({"stats", "--csv", "--data-dir"});
    const Arguments arguments = parse_arguments(line.argc(), line.argv(), {"--data-dir"}, {"--csv"});
    EXPECT_EQ(arguments.problem, "--data-dir needs a value");
}

TEST(HubArguments, AnUnknownOptionIsAProblemButAValueMayLookLikeOne)
{
    Argv unknown({"fleet", "--data-dir", "d", "--verbose"});
    EXPECT_EQ(parse_arguments(unknown.argc(), unknown.argv(), {"--data-dir"}, {}).problem, "unknown option --verbose");

    Argv value({"publish", "--name", "--not-an-option"});
    const Arguments arguments = parse_arguments(value.argc(), value.argv(), {"--name"}, {});
    EXPECT_EQ(arguments.problem, "");
    EXPECT_EQ(arguments.value("--name"), "--not-an-option");
}

TEST(HubArguments, NumbersAreWholeAndNothingElse)
{
    long long number = 0;
    EXPECT_TRUE(parse_number("1440", number));
    EXPECT_EQ(number, 1440);
    EXPECT_TRUE(parse_number("-3", number));
    EXPECT_EQ(number, -3);
    for (const char* text : {"", "+1", " 1", "1 ", "1.5", "12a", "0x10", "99999999999999999999"})
        EXPECT_FALSE(parse_number(text, number)) << text;
}

}  // namespace
}  // namespace lotsen::hub::cli
