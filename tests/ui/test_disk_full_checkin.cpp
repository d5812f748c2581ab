// test_disk_full_checkin.cpp — a check-in that cannot be saved because the data disk is full (a small
// tmpfs in a private mount namespace, filled to the last block after the outbox's reserve is gone):
// at 800×480 the visitor sees the error inside the screen, not below the fold, is not thanked, and the
// journal names what failed. Run in a child process (the mount namespace must not outlive the test);
// where no namespace can be made the test is skipped with the reason. LOTSEN_TEST_PNG_DIR keeps the
// screen as checkin-disk-full-<lang>-800x480.png for a person to look at.
#include "kiosk/app.hpp"
#include "kiosk/headless.hpp"
#include "kiosk/screens/checkin_screen.hpp"
#include "kiosk/theme.hpp"
#include "tests/ui/kiosk_fixture.hpp"
#include "tests/common/files.hpp"
#include "tests/common/small_disk.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace lotsen::kiosk {
namespace {

namespace fs = std::filesystem;
using testing_support::make_catalogue;
using testing_support::morning;

constexpr int k_skip = 77;

// The scenario, in the child on the small disk: "" when the visitor saw the error in sight.
std::string check_in_on_full_disk(const std::string& data, const std::string& language, const std::string& png)
{
    KioskOptions options;
    options.data_dir = data;
    options.assets_dir = std::string(LOTSEN_SOURCE_DIR) + "/assets";
    options.config.town = "Varberg";
    options.config.checkin_min_gap_seconds = 0;
    auto kiosk = HeadlessKiosk::create(options, 800, 480);
    if (!kiosk)
        return "the kiosk did not start: " + kiosk.error().text();
    KioskApp& app = kiosk.value()->app();
    const UnixSeconds now = morning();
    if (auto replaced = app.store().replace_catalogue(make_catalogue(), now); !replaced)
        return "no catalogue: " + replaced.error().text();
    app.home();
    app.set_language(language);
    app.session().activity_id = "aktivitet-0";
    app.navigate("checkin");
    kiosk.value()->settle(now);
    if (app.current_screen().id() != std::string("checkin"))
        return "not on the check-in screen";

    // The reserve was used up by an earlier visitor; now nothing is left on the disk.
    fs::remove(data + "/outbox.reserve");
    lotsen::testing::fill_disk(data + "/filler");
    if (!kiosk.value()->tap("##send", now))
        return "no send button in sight";
    kiosk.value()->settle(now);
    if (!png.empty())
        (void)kiosk.value()->save_png(png);

    if (app.current_screen().id() != std::string("checkin"))
        return std::string("the visitor was taken to ") + app.current_screen().id() + " though nothing was saved";
    const auto& form = dynamic_cast<const CheckInScreen&>(app.current_screen());
    if (form.blocks().empty())
        return "the form laid out nothing";
    // The message ends the last block: it must be wholly inside the part drawn, inside the screen.
    const float origin = form.view_min().y - form.scroll().offset();
    const float top = origin + form.blocks().back().top;
    const float bottom = origin + form.blocks().back().bottom;
    if (top < form.drawn_min().y - 0.5f || bottom > form.drawn_max().y + 0.5f || bottom > 480.0f) {
        return "the error is not in sight: its block is at " + std::to_string(top) + "–" + std::to_string(bottom) +
               ", the part drawn " + std::to_string(form.drawn_min().y) + "–" + std::to_string(form.drawn_max().y);
    }
    // And it is there in red: the only red inside the form is the error's text.
    int red = 0;
    for (int y = static_cast<int>(form.drawn_min().y); y < static_cast<int>(form.drawn_max().y); ++y) {
        for (int x = static_cast<int>(form.view_min().x); x < static_cast<int>(form.view_max().x); ++x)
            red += kiosk.value()->pixel(x, y) == default_palette().danger ? 1 : 0;
    }
    if (red < 50)
        return "no red error text inside the form (" + std::to_string(red) + " red pixels)";
    return {};
}

class DiskFullCheckIn : public ::testing::TestWithParam<const char*> {};

TEST_P(DiskFullCheckIn, TheErrorIsInSightAt800x480AndLogged)
{
    const std::string language = GetParam();
    const fs::path dir = fs::temp_directory_path() / ("lotsen-ui-disk-full-" + std::to_string(::getpid()) + "-" + language);
    fs::remove_all(dir);
    fs::create_directories(dir / "data");
    const char* png_dir = std::getenv("LOTSEN_TEST_PNG_DIR");
    const std::string png =
        png_dir ? std::string(png_dir) + "/checkin-disk-full-" + language + "-800x480.png" : std::string();

    const pid_t child = ::fork();
    ASSERT_GE(child, 0) << std::strerror(errno);
    if (child == 0) {
        // Room for the demo catalogue's store (4.1 MB) and its WAL, the outbox and its reserve.
        const std::string reason = lotsen::testing::mount_small_disk((dir / "data").string(), "9m");
        if (!reason.empty()) {
            lotsen::testing::write_file(dir / "result", reason);
            ::_exit(k_skip);
        }
        const int log = ::open((dir / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        ::dup2(log, STDERR_FILENO);
        const std::string failure = check_in_on_full_disk((dir / "data").string(), language, png);
        lotsen::testing::write_file(dir / "result", failure);
        ::_exit(failure.empty() ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    const std::string result = lotsen::testing::read_file(dir / "result");
    const std::string journal = lotsen::testing::read_file(dir / "stderr");
    fs::remove_all(dir);
    if (WIFEXITED(status) && WEXITSTATUS(status) == k_skip)
        GTEST_SKIP() << "no small disk can be made here: " << result << " (`make disk-full-test` needs one)";
    ASSERT_TRUE(WIFEXITED(status)) << "the kiosk on a full disk did not end normally (status " << status << ")";
    EXPECT_EQ(WEXITSTATUS(status), 0) << result;
    EXPECT_NE(journal.find("lotsen: a check-in could not be saved (the visitor was told): "), std::string::npos) << journal;
    EXPECT_NE(journal.find("full"), std::string::npos) << "the journal should say the disk is full:\n" << journal;
}

INSTANTIATE_TEST_SUITE_P(Languages, DiskFullCheckIn, ::testing::Values("sv", "ar"));

}  // namespace
}  // namespace lotsen::kiosk
