// `lotsen-hub retention`, the command a daily timer runs, on a hub that received contact requests
// from the kiosk's real uploader: nothing is due today; with the wall clock moved on (libfaketime)
// the handled request goes after days_after_closed and the rest after days_after_received; the inbox
// then shows them erased. A bad office.toml stops it with the file and line.
#include "tests/integration/delivery_fixture.hpp"

#include "tests/common/files.hpp"


namespace lotsen::testing {
namespace {

constexpr const char* k_faketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

class RetentionCommand : public DeliveryTest {
protected:
    // `lotsen-hub retention` with its wall clock `offset` ahead ("+31d"; "" for the real clock).
    CommandResult retention(const std::string& offset, std::vector<std::string> extra = {})
    {
        std::vector<std::string> argv;
        if (!offset.empty()) {
            argv = {"/usr/bin/env", std::string("LD_PRELOAD=") + k_faketime, testing::asan_options_allowing_preload(),
                    "FAKETIME=" + offset, "FAKETIME_DONT_FAKE_MONOTONIC=1"};
        }
        for (const std::string& word : {hub_program(), std::string("retention"), std::string("--data-dir"), m_hub_dir.string()})
            argv.push_back(word);
        for (std::string& word : extra)
            argv.push_back(std::move(word));
        return run_command(argv);
    }
};

TEST_F(RetentionCommand, ErasesWhatIsDueAsTheDaysPass)
{
    if (!std::filesystem::exists(k_faketime))
        GTEST_SKIP() << k_faketime << " is missing (Debian package libfaketime, which `make test` installs)";
    ASSERT_TRUE(enroll());
    auto log = open_outbox();
    ASSERT_TRUE(log);
    const std::vector<std::string> ids = record_events(*log, 0, 3);
    ASSERT_EQ(ids.size(), 3u);
    UploaderOptions options = uploader_options(m_hub->port());
    options.heartbeat_interval = std::chrono::hours(1);
    auto uploader = Uploader::create(options, m_kiosk_keys);
    ASSERT_TRUE(uploader);
    uploader.value()->start();
    ASSERT_TRUE(uploader.value()->wait_until_idle(std::chrono::seconds(30)));
    uploader.value()->stop();
    m_hub.reset();

    const CommandResult today = retention("");
    ASSERT_EQ(today.exit_code, 0) << today.output;
    EXPECT_NE(today.output.find("erased the personal data of 0 contact request(s)"), std::string::npos) << today.output;

    const CommandResult handled = run_command({hub_program(), "inbox", "--data-dir", m_hub_dir.string(), "--handle", ids[0]});
    ASSERT_EQ(handled.exit_code, 0) << handled.output;

    const CommandResult dry = retention("+31d", {"--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << dry.output;
    EXPECT_NE(dry.output.find("would erase the personal data of 1 contact request(s)\n  " + ids[0]), std::string::npos) << dry.output;
    const CommandResult month = retention("+31d");
    ASSERT_EQ(month.exit_code, 0) << month.output;
    EXPECT_NE(month.output.find("erased the personal data of 1 contact request(s)\n  " + ids[0]), std::string::npos) << month.output;

    const CommandResult quarter = retention("+91d");
    ASSERT_EQ(quarter.exit_code, 0) << quarter.output;
    EXPECT_NE(quarter.output.find("erased the personal data of 2 contact request(s)"), std::string::npos) << quarter.output;

    const std::string secret = (m_root / "keys" / "hub-seal.key").string();
    const CommandResult inbox = run_command({hub_program(), "inbox", "--data-dir", m_hub_dir.string(), "--secret-key", secret});
    ASSERT_EQ(inbox.exit_code, 0) << inbox.output;
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(inbox.output.find("kim" + std::to_string(i) + "@example.org"), std::string::npos) << inbox.output;
    EXPECT_NE(inbox.output.find("personal data erased"), std::string::npos) << inbox.output;
    EXPECT_EQ(hub_integrity(), "ok");
}

TEST_F(RetentionCommand, ABadOfficeTomlStopsItWithFileAndLine)
{
    ASSERT_TRUE(write_file(m_hub_dir / "office.toml", "[office]\nlisten = \"127.0.0.1:8090\"\n\n[retention]\ndays_after_closed = 0\n"));
    const CommandResult result = retention("");
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find((m_hub_dir / "office.toml").string() + ":5: [retention] days_after_closed: 0 is outside 1..3650"),
              std::string::npos)
        << result.output;
}

}  // namespace
}  // namespace lotsen::testing
