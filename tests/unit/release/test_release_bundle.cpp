// test_release_bundle.cpp — release bundles: a good one (written by GNU tar in its gnu and pax
// formats, and by hand) unpacks with its modes; everything that could escape the release's directory
// or smuggle in something other than files, directories and inside links is refused by inspect and by
// unpack, naming the member, with nothing left behind; so are damaged archives.
#include "core/release/release_bundle.hpp"
#include "tests/common/release_test_support.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace lotsen {
namespace {

namespace fs = std::filesystem;
using testing_support::TarWriter;
using testing_support::write_file;

class ReleaseBundleTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("lotsen-bundle-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    // A bundle from `tar`, gzip-compressed, written to a file.
    std::string save(const TarWriter& tar, const std::string& name = "bundle.tar.gz")
    {
        write_file(path(name), tar.gzipped());
        return path(name);
    }

    // Both entry points refuse `bundle` with a message containing `expected`, and unpack leaves nothing.
    void expect_refused(const std::string& bundle, const std::string& expected)
    {
        auto inspected = release_bundle::inspect(bundle);
        ASSERT_FALSE(inspected.ok()) << "inspect accepted it";
        EXPECT_NE(inspected.error().text().find(expected), std::string::npos) << inspected.error().text();
        const std::string destination = path("out");
        auto unpacked = release_bundle::unpack(bundle, destination);
        ASSERT_FALSE(unpacked.ok()) << "unpack accepted it";
        EXPECT_NE(unpacked.error().text().find(expected), std::string::npos) << unpacked.error().text();
        EXPECT_NE(unpacked.error().text().find("nothing was unpacked"), std::string::npos) << unpacked.error().text();
        EXPECT_FALSE(fs::exists(fs::symlink_status(destination))) << "unpack left " << destination << " behind";
    }

    fs::path m_dir;
};

TarWriter minimal_release()
{
    TarWriter tar;
    tar.file("RELEASE", "0.2.0\nv0.2.0-3-gabc1234\n");
    tar.directory("bin");
    tar.file("bin/lotsen", "#!/bin/sh\nexit 0\n", 0755);
    return tar;
}

TEST_F(ReleaseBundleTest, GoodBundleUnpacksWithModesAndInsideLinks)
{
    TarWriter tar = minimal_release();
    tar.file("share/lotsen/i18n/sv.json", "{}");
    tar.file("bin/suid-helper", "x", 04755);
    tar.symlink("share/lotsen/current-i18n", "i18n");
    tar.symlink("bin/lotsen-alias", "../bin/lotsen");
    const std::string bundle = save(tar);

    auto info = release_bundle::inspect(bundle);
    ASSERT_TRUE(info.ok()) << info.error().text();
    EXPECT_EQ(info.value().name, "0.2.0");
    EXPECT_EQ(info.value().files, 4);

    const std::string out = path("release");
    auto unpacked = release_bundle::unpack(bundle, out);
    ASSERT_TRUE(unpacked.ok()) << unpacked.error().text();
    EXPECT_EQ(unpacked.value().name, "0.2.0");
    struct stat st {};
    ASSERT_EQ(::stat((out + "/bin/lotsen").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0755u);
    ASSERT_EQ(::stat((out + "/bin/suid-helper").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0755u) << "set-uid must be dropped";
    ASSERT_EQ(::stat((out + "/share/lotsen/i18n/sv.json").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0644u);
    ASSERT_EQ(::stat((out + "/share/lotsen").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0755u);
    EXPECT_EQ(fs::read_symlink(out + "/bin/lotsen-alias"), "../bin/lotsen");
    EXPECT_TRUE(fs::is_directory(out + "/share/lotsen/current-i18n"));

    std::ifstream release(out + "/RELEASE");
    std::string first;
    std::getline(release, first);
    EXPECT_EQ(first, "0.2.0");

    // The destination is made by unpack: an existing one is refused and left alone.
    auto again = release_bundle::unpack(bundle, out);
    ASSERT_FALSE(again.ok());
    EXPECT_TRUE(fs::exists(out + "/bin/lotsen"));
}

// GNU tar itself: "./"-prefixed names, its long-name 'L' records and pax headers.
TEST_F(ReleaseBundleTest, ArchivesWrittenByGnuTar)
{
    const fs::path tree = m_dir / "tree";
    const std::string long_dir = "share/lotsen/" + std::string(120, 'd') + "/" + std::string(80, 'e');
    fs::create_directories(tree / "bin");
    fs::create_directories(tree / long_dir);
    write_file((tree / "RELEASE").string(), "1.4.2\n");
    write_file((tree / "bin/lotsen").string(), "#!/bin/sh\n");
    fs::permissions(tree / "bin/lotsen", fs::perms(0755));
    write_file((tree / long_dir / "strings.json").string(), "{\"a\":1}");
    fs::create_symlink("../../RELEASE", tree / "share/lotsen/RELEASE-link");
    for (const std::string format : {"gnu", "pax", "ustar"}) {
        SCOPED_TRACE(format);
        const std::string bundle = path(format + ".tar.gz");
        const std::string command = "tar --format=" + format + " -C '" + tree.string() + "' -czf '" + bundle + "' . 2>/dev/null";
        const int rc = std::system(command.c_str());
        if (format == "ustar") {
            // ustar cannot store a 200-byte path without splitting it at a slash it may not find; when
            // GNU tar refuses to write it, there is nothing to read.
            if (rc != 0)
                continue;
        } else {
            ASSERT_EQ(rc, 0) << command;
        }
        auto info = release_bundle::inspect(bundle);
        ASSERT_TRUE(info.ok()) << info.error().text();
        EXPECT_EQ(info.value().name, "1.4.2");
        EXPECT_EQ(info.value().files, 3);
        const std::string out = path("out-" + format);
        auto unpacked = release_bundle::unpack(bundle, out);
        ASSERT_TRUE(unpacked.ok()) << unpacked.error().text();
        EXPECT_TRUE(fs::is_regular_file(out + "/" + long_dir + "/strings.json"));
        EXPECT_EQ(fs::read_symlink(out + "/share/lotsen/RELEASE-link"), "../../RELEASE");
    }
}

TEST_F(ReleaseBundleTest, TraversalIsRefused)
{
    for (const auto& [name, expected] : std::vector<std::pair<std::string, std::string>>{
             {"../x", "bundle member '../x': a '..' component is not allowed"},
             {"/abs", "bundle member '/abs': an absolute path is not allowed"},
             {"a/../../etc/passwd", "bundle member 'a/../../etc/passwd': a '..' component is not allowed"},
             {"bin/..", "'..' component"},
             {"ok/\x1b[2Jname", "bundle member 'ok/\\x1b[2Jname': a control character"},
         }) {
        SCOPED_TRACE(name);
        TarWriter tar = minimal_release();
        tar.file(name, "payload");
        expect_refused(save(tar), expected);
    }
}

TEST_F(ReleaseBundleTest, TraversalThroughPaxAndGnuLongNamesIsRefused)
{
    TarWriter pax = minimal_release();
    pax.pax_file("innocent", "../../escaped-by-pax", "payload");
    expect_refused(save(pax), "bundle member '../../escaped-by-pax': a '..' component");

    TarWriter gnu = minimal_release();
    gnu.gnu_long_name_file("/etc/cron.d/escaped-by-gnu", "payload");
    expect_refused(save(gnu), "bundle member '/etc/cron.d/escaped-by-gnu': an absolute path");

    TarWriter prefix = minimal_release();
    prefix.file_with_prefix("..", "x", "payload");
    expect_refused(save(prefix), "a '..' component");
}

TEST_F(ReleaseBundleTest, LinksLeavingTheTreeAreRefused)
{
    for (const auto& [links, expected] : std::vector<std::pair<std::vector<std::pair<std::string, std::string>>, std::string>>{
             {{{"share/etc", "../../etc"}}, "bundle member 'share/etc': the link target '../../etc' leads outside"},
             {{{"passwd", "/etc/passwd"}}, "a link to an absolute path"},
             {{{"up", ".."}}, "leads outside"},
             // Each link alone looks inside; followed as the kernel would, the second escapes.
             {{{"self", "."}, {"escape", "self/.."}}, "bundle member 'escape': the link target 'self/..' leads outside"},
             {{{"deep/here", ".."}, {"deep/out", "here/../.."}}, "leads outside"},
             {{{"loop-a", "loop-b/x"}, {"loop-b", "loop-a/x"}}, "too many links"},
         }) {
        SCOPED_TRACE(expected);
        TarWriter tar = minimal_release();
        for (const auto& [name, target] : links)
            tar.symlink(name, target);
        expect_refused(save(tar), expected);
    }
}

TEST_F(ReleaseBundleTest, NothingIsWrittenThroughALink)
{
    TarWriter tar = minimal_release();
    tar.symlink("share", "bin");
    tar.file("share/evil", "x");
    expect_refused(save(tar), "bundle member 'share/evil': lies beneath 'share', which is not a directory");

    TarWriter twice = minimal_release();
    twice.file("bin/lotsen", "again", 0755);
    expect_refused(save(twice), "bundle member 'bin/lotsen': appears twice");

    TarWriter replaced = minimal_release();
    replaced.symlink("bin", "/tmp");
    expect_refused(save(replaced), "bundle member 'bin'");
}

TEST_F(ReleaseBundleTest, OtherMemberTypesAreRefused)
{
    for (const auto& [type, expected] : std::vector<std::pair<char, std::string>>{
             {'3', "bundle member 'thing': device files are not allowed"},
             {'4', "device files are not allowed"},
             {'6', "FIFOs are not allowed"},
             {'1', "hard links are not allowed"},
             {'S', "member type 'S' is not allowed"},
         }) {
        SCOPED_TRACE(expected);
        TarWriter tar = minimal_release();
        tar.raw_member("thing", type, "", type == '1' ? "bin/lotsen" : "");
        expect_refused(save(tar), expected);
    }
}

TEST_F(ReleaseBundleTest, MissingReleaseOrProgramIsRefused)
{
    TarWriter no_release;
    no_release.file("bin/lotsen", "#!/bin/sh\n", 0755);
    expect_refused(save(no_release), "no RELEASE file");

    TarWriter no_program;
    no_program.file("RELEASE", "0.2.0\n");
    no_program.file("bin/lotsen-hub", "x", 0755);
    expect_refused(save(no_program), "no program bin/lotsen");

    TarWriter not_executable;
    not_executable.file("RELEASE", "0.2.0\n");
    not_executable.file("bin/lotsen", "x", 0644);
    expect_refused(save(not_executable), "bundle member 'bin/lotsen': is not executable");

    TarWriter program_is_link;
    program_is_link.file("RELEASE", "0.2.0\n");
    program_is_link.file("bin/real", "x", 0755);
    program_is_link.symlink("bin/lotsen", "real");
    expect_refused(save(program_is_link), "no program bin/lotsen");

    for (const std::string& bad_name : std::vector<std::string>{"\n", std::string(65, 'v') + "\n", "0.2\x01\n", " 0.2\n"}) {
        TarWriter tar;
        tar.file("RELEASE", bad_name);
        tar.file("bin/lotsen", "x", 0755);
        expect_refused(save(tar), "bundle member 'RELEASE': its first line must name the release");
    }
}

TEST_F(ReleaseBundleTest, DamagedArchivesAreRefused)
{
    const std::string good = minimal_release().gzipped();

    // A flipped byte in the compressed data: zlib or the CRC notices.
    std::string corrupted = good;
    corrupted[corrupted.size() / 2] = static_cast<char>(corrupted[corrupted.size() / 2] ^ 0x55);
    write_file(path("corrupted.tar.gz"), corrupted);
    expect_refused(path("corrupted.tar.gz"), "gzip");

    write_file(path("truncated.tar.gz"), good.substr(0, good.size() - 30));
    expect_refused(path("truncated.tar.gz"), "truncated");

    write_file(path("trailing.tar.gz"), good + "junk");
    expect_refused(path("trailing.tar.gz"), "after the end of the gzip stream");

    write_file(path("plain.tar"), minimal_release().bytes());
    expect_refused(path("plain.tar"), "gzip");

    // The tar stream itself cut off after the first member's header (valid gzip around it).
    std::string cut = minimal_release().bytes().substr(0, 512 + 100);
    write_file(path("cut.tar.gz"), testing_support::gzip(cut));
    expect_refused(path("cut.tar.gz"), "truncated");

    // A header whose checksum does not match (one name byte changed after it was computed).
    std::string tampered = minimal_release().bytes();
    tampered[2] = 'X';
    write_file(path("checksum.tar.gz"), testing_support::gzip(tampered));
    expect_refused(path("checksum.tar.gz"), "the header checksum is wrong");

    expect_refused(path("does-not-exist.tar.gz"), "cannot open");
}

TEST_F(ReleaseBundleTest, SizeLimitsAreEnforcedFromHeaders)
{
    // A header claiming 600 MiB: refused from the header, without reading (or inflating) 600 MiB.
    TarWriter tar = minimal_release();
    tar.raw_member("huge", '0', "", "", 600ull << 20);
    expect_refused(save(tar), "bundle member 'huge': the release would be larger than 512 MiB");
}

}  // namespace
}  // namespace lotsen
