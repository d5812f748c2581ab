// files.hpp — what every test that touches the file system needs: a fresh temporary folder removed again
// however the test ends, and whole-file reads and writes. Header-only: the unit, UI, hub and integration
// tests, the bench and the soak are executables that share no test library.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

namespace lotsen::testing {

/// A fresh folder `<temp>/<prefix>-XXXXXX` (mkdtemp: unique across processes and parallel tests),
/// removed with everything in it when the object goes. path() is empty when it could not be made.
class TempDir {
public:
    explicit TempDir(std::string_view prefix)
    {
        std::string pattern = (std::filesystem::temp_directory_path() / prefix).string() + "-XXXXXX";
        if (::mkdtemp(pattern.data()) != nullptr)
            m_path = pattern;
    }
    ~TempDir()
    {
        std::error_code ignored;
        if (!m_path.empty())
            std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /// The folder; empty when mkdtemp failed (tests assert on it).
    const std::filesystem::path& path() const { return m_path; }
    /// The folder as a string, for APIs that take one.
    std::string str() const { return m_path.string(); }
    /// A path inside the folder.
    std::filesystem::path operator/(std::string_view name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

/// The whole file as bytes; empty when it cannot be read (tests compare with what they expect).
inline std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Replaces the file with `bytes`; false when it cannot be written.
inline bool write_file(const std::filesystem::path& path, std::string_view bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out);
}

}  // namespace lotsen::testing
