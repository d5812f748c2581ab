// publish_test_support.hpp — what the publishing and static-serving tests share: a fresh hub data
// directory with a publisher key, small valid (and broken) catalogues, configs and release bundles
// made on the spot (bundles with the system's tar, as an operator would), and a snapshot of every
// file under a directory to prove that a refusal wrote nothing.
#pragma once

#include "hub/keys.hpp"
#include "core/wire/protocol.hpp"
#include "hub/publish.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace lotsen::hub::test {

/// The publishing machine's clock in these tests: 2025-11-19 12:00 UTC.
inline constexpr UnixSeconds k_publish_now = 1763553600;

inline std::string read_text(const std::string& path)
{
    return lotsen::testing::read_file(path);
}

inline void write_text(const std::string& path, const std::string& content)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    ASSERT_TRUE(lotsen::testing::write_file(path, content)) << path;
}

/// The smallest valid catalogue JSON, with this version.
inline std::string catalogue_json(std::int64_t version)
{
    return R"({
  "format": "lotsen-catalogue", "format_version": 1, "version": )" + std::to_string(version) + R"(,
  "organisations": [{"id": "org", "name": {"sv": "Föreningen"}, "municipality": "Halmstad"}],
  "activities": [{"id": "walk", "organisation": "org", "title": {"en": "Walk"}, "interests": ["outdoors"],
    "schedule": {"dates": [{"date": "2026-12-05", "start": "10:00", "end": "12:00"}]},
    "place": {"address": "Storgatan 1", "town": "Halmstad"}}]
})";
}

/// A catalogue with two problems: an activity of an organisation that does not exist, and a bad date.
inline std::string broken_catalogue_json()
{
    return R"({
  "format": "lotsen-catalogue", "format_version": 1, "version": 99,
  "organisations": [{"id": "org", "name": {"sv": "Föreningen"}, "municipality": "Halmstad"}],
  "activities": [{"id": "walk", "organisation": "nobody", "title": {"en": "Walk"}, "interests": ["outdoors"],
    "schedule": {"dates": [{"date": "2026-13-45", "start": "10:00", "end": "12:00"}]},
    "place": {"address": "Storgatan 1", "town": "Halmstad"}}]
})";
}

/// A one-activity spreadsheet (docs/catalogue.md, "CSV import").
inline std::string catalogue_csv()
{
    return "id,organisation_id,organisation_name_sv,municipality,title_sv,interests,dates,address,town\n"
           "promenad,halmstad-vandring,Vandringsvännerna,Halmstad,Promenad,outdoors,2026-12-05 10:00-12:00,"
           "Kungsvägen 1,Tylösand\n";
}

/// A valid kiosk configuration.
inline std::string config_toml(const std::string& town = "Varberg")
{
    return "[kiosk]\ntown = \"" + town + "\"\n";
}

/// Every file under `root` with its content (empty when `root` does not exist).
inline std::map<std::string, std::string> snapshot(const std::string& root)
{
    std::map<std::string, std::string> files;
    if (!std::filesystem::exists(root))
        return files;
    for (const auto& item : std::filesystem::recursive_directory_iterator(root)) {
        if (item.is_regular_file())
            files[item.path().string()] = read_text(item.path().string());
    }
    return files;
}

/// A hub data directory and a publisher key in a fresh temporary directory.
class PublishFixture : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_GE(sodium_init(), 0);
        ASSERT_FALSE(m_temp.path().empty());
        dir = m_temp.str();
        data_dir = dir + "/hub";
        ASSERT_EQ(::mkdir(data_dir.c_str(), 0700), 0);
        ASSERT_TRUE(generate_keys(dir + "/keys").ok());
        auto loaded = load_publisher_key(dir + "/keys/publisher.key");
        ASSERT_TRUE(loaded.ok()) << loaded.error().text();
        publisher = loaded.value();
    }


    PublishOptions options(UnixSeconds now = k_publish_now) const
    {
        PublishOptions result;
        result.data_dir = data_dir;
        result.now = now;
        return result;
    }

    std::string published() const { return data_dir + "/published"; }
    std::string manifest_path() const { return published() + "/manifest.json"; }

    /// Writes `content` to a file named `name` in the test directory and returns its path.
    std::string source(const std::string& name, const std::string& content) const
    {
        const std::string path = dir + "/in/" + name;
        write_text(path, content);
        return path;
    }

    /// A release bundle made with tar: RELEASE naming `name`, an executable bin/lotsen, and a data file
    /// of `data_bytes` bytes under share/. `with_program` false leaves bin/lotsen out (a broken bundle).
    std::string release(const std::string& name, std::size_t data_bytes = 1000, bool with_program = true) const
    {
        const std::string tree = dir + "/release-" + name;
        std::filesystem::remove_all(tree);
        write_text(tree + "/RELEASE", name + "\n");
        std::string data(data_bytes, '\0');
        std::uint32_t state = 12345;
        for (char& c : data) {
            state = state * 1103515245u + 12345u;  // incompressible enough that the bundle stays large
            c = static_cast<char>(state >> 24);
        }
        write_text(tree + "/share/lotsen/data.bin", data);
        std::string members = "RELEASE share";
        if (with_program) {
            write_text(tree + "/bin/lotsen", "#!/bin/sh\necho lotsen " + name + "\n");
            std::filesystem::permissions(tree + "/bin/lotsen", std::filesystem::perms(0755));
            members += " bin";
        }
        const std::string out = dir + "/in/lotsen-" + name + (with_program ? "" : "-broken") + ".tar.gz";
        std::filesystem::create_directories(dir + "/in");
        const std::string command = "tar czf '" + out + "' -C '" + tree + "' " + members;
        EXPECT_EQ(std::system(command.c_str()), 0) << command;
        return out;
    }

    lotsen::testing::TempDir m_temp{"lotsen-publish-test"};  ///< removed with everything in it after the test
    std::string dir;
    std::string data_dir;
    protocol::SigningKeyPair publisher;
};

}  // namespace lotsen::hub::test
