// static_files.cpp — see static_files.hpp. Files are opened with O_NOFOLLOW and must be regular: a
// symbolic link planted in files/ cannot point the server at hub.db or a key. A hash is computed from
// the open descriptor, so the tag always belongs to the bytes that descriptor serves.
#include "hub/static_files.hpp"

#include "core/base/file.hpp"
#include "core/base/text_checks.hpp"
#include "core/wire/manifest.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <optional>
#include <vector>

namespace lotsen::hub {

namespace {

// The cache only ever holds the published files; this bounds it if something odd asks for many.
constexpr std::size_t k_max_cached_hashes = 4096;
// The manifest is at most 64 KiB for a kiosk; a larger file here is still served, up to this.
constexpr std::uint64_t k_max_manifest_bytes_served = 1 << 20;

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
               return lower(x) == lower(y);
           });
}

std::int64_t mtime_ns(const struct stat& info)
{
    return static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
}

// SHA-256 of an open file's first `size` bytes, read with pread (the descriptor's offset is untouched).
bool hash_file(int fd, std::uint64_t size, protocol::Sha256& hash)
{
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<unsigned char> buffer(1 << 16);
    std::uint64_t offset = 0;
    while (offset < size) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), size - offset));
        const ssize_t n = ::pread(fd, buffer.data(), want, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;  // an error, or the file shrank under us
        crypto_hash_sha256_update(&state, buffer.data(), static_cast<unsigned long long>(n));
        offset += static_cast<std::uint64_t>(n);
    }
    crypto_hash_sha256_final(&state, hash.data());
    return true;
}

}  // namespace

std::string published_dir(const std::string& data_dir)
{
    if (data_dir.empty() || data_dir.back() == '/')
        return data_dir + k_published_subdir;
    return data_dir + "/" + k_published_subdir;
}

bool is_published_file_name(std::string_view name)
{
    return manifest::is_file_name(name);  // the manifest's rule: what a kiosk accepts is what is served
}

std::string entity_tag(const protocol::Sha256& hash)
{
    return "\"" + protocol::to_hex(hash) + "\"";
}

bool if_none_match_matches(std::string_view header, std::string_view etag)
{
    while (!header.empty()) {
        const std::size_t comma = header.find(',');
        std::string_view candidate = trim(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        if (candidate == "*")
            return true;
        if (candidate.substr(0, 2) == "W/")
            candidate.remove_prefix(2);
        if (candidate == etag)
            return true;
    }
    return false;
}

bool if_range_allows(std::string_view header, std::string_view etag)
{
    return trim(header) == etag;
}

RangeAnswer interpret_range(std::string_view header, std::uint64_t size)
{
    RangeAnswer whole;
    header = trim(header);
    const std::size_t equals = header.find('=');
    if (equals == std::string_view::npos || !equals_ignoring_case(trim(header.substr(0, equals)), "bytes"))
        return whole;
    const std::string_view spec = trim(header.substr(equals + 1));
    if (spec.find(',') != std::string_view::npos)
        return whole;  // several ranges: a resuming kiosk never asks for them; the whole file is allowed
    const std::size_t dash = spec.find('-');
    if (dash == std::string_view::npos)
        return whole;
    const std::string_view first_text = spec.substr(0, dash);
    const std::string_view last_text = spec.substr(dash + 1);
    RangeAnswer answer;
    answer.kind = RangeAnswer::Kind::partial;
    if (first_text.empty()) {
        const std::optional<std::uint64_t> count = decimal_u64(last_text);
        if (!count)
            return whole;
        const std::uint64_t suffix = *count;
        if (suffix == 0 || size == 0)
            return {RangeAnswer::Kind::unsatisfiable, 0, 0};
        answer.length = std::min(suffix, size);
        answer.first = size - answer.length;
        return answer;
    }
    const std::optional<std::uint64_t> first_position = decimal_u64(first_text);
    if (!first_position)
        return whole;
    const std::uint64_t first = *first_position;
    std::uint64_t last = size == 0 ? 0 : size - 1;
    if (!last_text.empty()) {
        const std::optional<std::uint64_t> last_position = decimal_u64(last_text);
        if (!last_position || *last_position < first)
            return whole;  // an invalid range-spec is ignored (RFC 9110 §14.2)
        last = *last_position;
    }
    if (first >= size)
        return {RangeAnswer::Kind::unsatisfiable, 0, 0};
    last = std::min(last, size - 1);
    answer.first = first;
    answer.length = last - first + 1;
    return answer;
}

// ---------------------------------------------------------------------------------------------

struct ServedContent::Source {
    int fd = -1;
    std::string bytes;  // when fd < 0

    Source() = default;
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;
    ~Source()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

ServedContent ServedContent::from_bytes(std::string bytes)
{
    ServedContent content;
    content.m_size = bytes.size();
    content.m_etag = entity_tag(protocol::sha256(bytes));
    auto source = std::make_shared<Source>();
    source->bytes = std::move(bytes);
    content.m_source = std::move(source);
    return content;
}

ServedContent ServedContent::from_file(int fd, std::uint64_t size, const protocol::Sha256& hash)
{
    ServedContent content;
    content.m_size = size;
    content.m_etag = entity_tag(hash);
    auto source = std::make_shared<Source>();
    source->fd = fd;
    content.m_source = std::move(source);
    return content;
}

long ServedContent::read_at(std::uint64_t offset, char* buffer, std::size_t length) const
{
    if (offset >= m_size)
        return 0;
    length = static_cast<std::size_t>(std::min<std::uint64_t>(length, m_size - offset));
    if (m_source->fd < 0) {
        std::memcpy(buffer, m_source->bytes.data() + offset, length);
        return static_cast<long>(length);
    }
    for (;;) {
        const ssize_t n = ::pread(m_source->fd, buffer, length, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR)
            continue;
        return n < 0 ? -1 : static_cast<long>(n);
    }
}

// ---------------------------------------------------------------------------------------------

StaticFiles::StaticFiles(std::string directory) : m_directory(std::move(directory)) {}

StaticLookup StaticFiles::manifest()
{
    StaticLookup lookup;
    const std::string path = m_directory + "/" + k_manifest_file;
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT) {
            lookup.status = StaticLookup::Status::failed;
            lookup.problem = path + ": cannot open: " + errno_text();
        }
        return lookup;
    }
    struct stat info {};
    std::string bytes;
    bool ok = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)
              && static_cast<std::uint64_t>(info.st_size) <= k_max_manifest_bytes_served;
    if (ok) {
        bytes.resize(static_cast<std::size_t>(info.st_size));
        std::size_t got = 0;
        while (ok && got < bytes.size()) {
            const ssize_t n = ::pread(fd, bytes.data() + got, bytes.size() - got, static_cast<off_t>(got));
            if (n < 0 && errno == EINTR)
                continue;
            ok = n > 0;
            if (ok)
                got += static_cast<std::size_t>(n);
        }
    }
    ::close(fd);
    if (!ok) {
        lookup.status = StaticLookup::Status::failed;
        lookup.problem = path + ": not a regular file of at most 1 MiB, or unreadable";
        return lookup;
    }
    lookup.status = StaticLookup::Status::found;
    lookup.content = std::make_shared<const ServedContent>(ServedContent::from_bytes(std::move(bytes)));
    return lookup;
}

StaticLookup StaticFiles::file(std::string_view name)
{
    StaticLookup lookup;
    if (!is_published_file_name(name))
        return lookup;
    const std::string key(name);
    const std::string path = m_directory + "/" + k_published_files_subdir + "/" + key;
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        // ELOOP: a symbolic link, which is never a published file (publish renames regular files in).
        if (errno != ENOENT && errno != ENOTDIR && errno != ELOOP) {
            lookup.status = StaticLookup::Status::failed;
            lookup.problem = path + ": cannot open: " + errno_text();
        }
        return lookup;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return lookup;  // a directory or device under a file's name is not a published file
    }
    const auto size = static_cast<std::uint64_t>(info.st_size);

    std::optional<protocol::Sha256> hash;
    {
        const std::lock_guard lock(m_cache_mutex);
        const auto it = m_hashes.find(key);
        if (it != m_hashes.end() && it->second.device == info.st_dev && it->second.inode == info.st_ino
            && it->second.size == size && it->second.mtime_ns == mtime_ns(info))
            hash = it->second.hash;
    }
    if (!hash) {
        // Hashed outside the lock: a large release takes a moment, and other files need not wait.
        protocol::Sha256 computed{};
        if (!hash_file(fd, size, computed)) {
            ::close(fd);
            lookup.status = StaticLookup::Status::failed;
            lookup.problem = path + ": cannot be read whole";
            return lookup;
        }
        hash = computed;
        const std::lock_guard lock(m_cache_mutex);
        if (m_hashes.size() >= k_max_cached_hashes)
            m_hashes.clear();
        m_hashes[key] = CachedHash{info.st_dev, info.st_ino, size, mtime_ns(info), computed};
    }
    if (protocol::to_hex(*hash) != name.substr(0, 64)) {
        ::close(fd);
        lookup.status = StaticLookup::Status::failed;
        lookup.problem = path + ": its bytes do not match the SHA-256 in its name (damaged on disk?); not served";
        return lookup;
    }
    lookup.status = StaticLookup::Status::found;
    lookup.content = std::make_shared<const ServedContent>(ServedContent::from_file(fd, size, *hash));
    return lookup;
}

}  // namespace lotsen::hub
