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

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lotsen::kiosk {
namespace {

namespace fs = std::filesystem;
using testing_support::make_catalogue;
using testing_support::morning;

constexpr int k_skip = 77;

bool write_text(const std::string& path, const std::string& text)
{
    std::ofstream out(path);
    out << text;
    return static_cast<bool>(out);
}

std::string read_text(const fs::path& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// This process into a mount namespace of its own, with a tmpfs of `size` at `dir`; the reason when not.
std::string mount_small_disk(const std::string& dir, const char* size)
{
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (uid != 0) {
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            return std::string("no user namespace: ") + std::strerror(errno);
        write_text("/proc/self/setgroups", "deny");
        if (!write_text("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
            !write_text("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1"))
            return "the user namespace's id maps could not be written";
    } else if (::unshare(CLONE_NEWNS) != 0) {
        return std::string("no mount namespace: ") + std::strerror(errno);
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return std::string("mounts cannot be made private: ") + std::strerror(errno);
    const std::string options = std::string("size=") + size + ",mode=0700";
    if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) != 0)
        return std::string("tmpfs cannot be mounted: ") + std::strerror(errno);
    return {};
}

void fill_disk(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    static const char block[4096] = {};
    while (::write(fd, block, sizeof block) > 0) {
    }
    while (::write(fd, block, 1) > 0) {
    }
    ::close(fd);
}

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
    fill_disk(data + "/filler");
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
        const std::string reason = mount_small_disk((dir / "data").string(), "8m");
        if (!reason.empty()) {
            write_text((dir / "result").string(), reason);
            ::_exit(k_skip);
        }
        const int log = ::open((dir / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        ::dup2(log, STDERR_FILENO);
        const std::string failure = check_in_on_full_disk((dir / "data").string(), language, png);
        write_text((dir / "result").string(), failure);
        ::_exit(failure.empty() ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    const std::string result = read_text(dir / "result");
    const std::string journal = read_text(dir / "stderr");
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
