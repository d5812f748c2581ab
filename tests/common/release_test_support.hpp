// release_test_support.hpp — writes tar archives byte by byte for the release tests, so they can hold
// what no well-behaved tar program writes: "..", absolute names, devices, links out of the tree, pax
// and GNU long-name records that say something else than the header.
#pragma once

#include "core/wire/gzip.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

namespace lotsen::testing_support {

inline void write_file(const std::string& path, const std::string& content)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    ASSERT_TRUE(out.good()) << path;
}

inline std::string gzip(const std::string& data)
{
    auto compressed = gzip_compress(data);
    EXPECT_TRUE(compressed.ok());
    return compressed.ok() ? compressed.value() : std::string();
}

/// A tar archive built member by member (ustar headers with correct checksums).
class TarWriter {
public:
    void file(const std::string& name, const std::string& content, unsigned mode = 0644)
    {
        member(name, '0', content, "", mode);
    }
    void directory(const std::string& name) { member(name, '5', "", "", 0755); }
    void symlink(const std::string& name, const std::string& target) { member(name, '2', "", target, 0777); }

    /// A file whose pax extended header gives it the path `pax_path` instead of `header_name`.
    void pax_file(const std::string& header_name, const std::string& pax_path, const std::string& content)
    {
        std::string record = " path=" + pax_path + "\n";
        std::size_t length = record.size() + 1;
        while (std::to_string(length).size() + record.size() != length)
            ++length;
        member("PaxHeaders/" + header_name, 'x', std::to_string(length) + record, "", 0644);
        file(header_name, content);
    }

    /// A file whose name comes from a GNU 'L' record.
    void gnu_long_name_file(const std::string& name, const std::string& content)
    {
        member("././@LongLink", 'L', name + std::string(1, '\0'), "", 0644);
        file("short-name", content);
    }

    /// A ustar member whose name is split into prefix and name.
    void file_with_prefix(const std::string& prefix, const std::string& name, const std::string& content)
    {
        member(name, '0', content, "", 0644, -1, prefix);
    }

    /// Any member; `declared_size` >= 0 writes that size in the header but only `content`.
    void raw_member(const std::string& name, char type, const std::string& content, const std::string& link,
                    long long declared_size = -1)
    {
        member(name, type, content, link, 0644, declared_size);
    }

    /// The archive: members, then two zero blocks.
    std::string bytes() const { return m_data + std::string(1024, '\0'); }
    std::string gzipped() const { return gzip(bytes()); }

private:
    void member(const std::string& name, char type, const std::string& content, const std::string& link,
                unsigned mode, long long declared_size = -1, const std::string& prefix = "")
    {
        char header[512];
        std::memset(header, 0, sizeof header);
        std::memcpy(header, name.data(), std::min<std::size_t>(name.size(), 100));
        std::snprintf(header + 100, 8, "%07o", mode);
        std::snprintf(header + 108, 8, "%07o", 1000u);
        std::snprintf(header + 116, 8, "%07o", 1000u);
        const unsigned long long size = declared_size >= 0 ? static_cast<unsigned long long>(declared_size) : content.size();
        std::snprintf(header + 124, 12, "%011llo", size);
        std::snprintf(header + 136, 12, "%011o", 1700000000u);
        header[156] = type;
        std::memcpy(header + 157, link.data(), std::min<std::size_t>(link.size(), 100));
        std::memcpy(header + 257, "ustar", 6);
        std::memcpy(header + 263, "00", 2);
        std::memcpy(header + 345, prefix.data(), std::min<std::size_t>(prefix.size(), 155));
        std::memset(header + 148, ' ', 8);
        unsigned sum = 0;
        for (const char c : header)
            sum += static_cast<unsigned char>(c);
        std::snprintf(header + 148, 8, "%06o", sum);
        header[155] = ' ';
        m_data.append(header, sizeof header);
        m_data += content;
        m_data.append((512 - content.size() % 512) % 512, '\0');
    }

    std::string m_data;
};

}  // namespace lotsen::testing_support
