// download.cpp — the decisions about a partial download and a reply, the file hashing, and the sink
// that writes a file request's body: appended from where it stopped, or from zero, never beyond
// the signed size.
#include "core/update/download.hpp"

#include "core/catalogue/catalogue_parse.hpp"
#include "core/base/text_checks.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

namespace lotsen {

namespace {

// Feeds the first `bytes` of `fd` (from offset 0) into `hash`; false on a read error or short file.
bool hash_prefix(int fd, std::uint64_t bytes, crypto_hash_sha256_state& hash)
{
    std::vector<unsigned char> buffer(64 << 10);
    std::uint64_t offset = 0;
    while (offset < bytes) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), bytes - offset));
        const ssize_t n = ::pread(fd, buffer.data(), want, static_cast<off_t>(offset));
        if (n <= 0)
            return false;
        crypto_hash_sha256_update(&hash, buffer.data(), static_cast<unsigned long long>(n));
        offset += static_cast<std::uint64_t>(n);
    }
    return true;
}

}  // namespace

std::optional<std::uint64_t> file_size(const std::string& path)
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode))
        return std::nullopt;
    return static_cast<std::uint64_t>(info.st_size);
}

std::optional<protocol::Sha256> hash_file(const std::string& path, std::uint64_t size)
{
    if (file_size(path) != size)
        return std::nullopt;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    crypto_hash_sha256_state hash;
    crypto_hash_sha256_init(&hash);
    const bool read = hash_prefix(fd, size, hash);
    ::close(fd);
    if (!read)
        return std::nullopt;
    protocol::Sha256 digest{};
    crypto_hash_sha256_final(&hash, digest.data());
    return digest;
}

// ---------------------------------------------------------------------------------------------
// Pure decisions.

DownloadPlan plan_download(std::uint64_t have, std::uint64_t size)
{
    if (have > size)
        return DownloadPlan{true, false, 0};
    if (have == size && size > 0)
        return DownloadPlan{false, true, 0};
    return DownloadPlan{false, false, have};
}

ResumeAction resume_action(long status, std::uint64_t requested_from, std::optional<std::uint64_t> range_start)
{
    if (status == 200)
        return ResumeAction::restart;  // a server without Range support (or a fresh request) sends it all
    if (status == 206) {
        // Only the bytes asked for may be appended; a 206 to a request without Range, or from
        // elsewhere, cannot be stitched onto what is on disk.
        if (requested_from > 0 && range_start == requested_from)
            return ResumeAction::append;
        return ResumeAction::start_over;
    }
    if (status == 416)
        return ResumeAction::start_over;  // the file changed under the partial one
    return ResumeAction::fail;
}

std::optional<std::uint64_t> parse_content_range_start(std::string_view value)
{
    const std::string text = trim_header_value(value);
    std::string_view rest = text;
    if (rest.size() < 6 || ascii_lower(rest.substr(0, 6)) != "bytes ")
        return std::nullopt;
    rest.remove_prefix(6);
    std::uint64_t start = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), start);
    if (ec != std::errc{} || end == rest.data() || end == rest.data() + rest.size() || *end != '-')
        return std::nullopt;
    return start;
}

Result<void> check_room_for_download(std::string_view label, std::uint64_t have, std::uint64_t size,
                                     std::optional<std::uint64_t> free_bytes, std::uint64_t keep_free)
{
    const std::uint64_t rest = size > have ? size - have : 0;
    if (!free_bytes || *free_bytes >= rest + keep_free)
        return success();
    return Error{std::string(label) + ": " + std::to_string(rest) + " more bytes to download and " +
                 std::to_string(keep_free) + " to keep free, but the data disk has only " +
                 std::to_string(*free_bytes) + " free; not downloaded (tried again at the next check)"};
}

std::uint64_t max_download_bytes(manifest::Kind kind)
{
    switch (kind) {
    case manifest::Kind::catalogue: return CatalogueLimits{}.max_file_bytes;
    case manifest::Kind::config: return 1u << 20;
    case manifest::Kind::release: return std::uint64_t{512} << 20;
    }
    return 0;
}

// ---------------------------------------------------------------------------------------------
// The sink.

struct DownloadSink::Hash {
    crypto_hash_sha256_state state{};
};

DownloadSink::DownloadSink(int fd, std::uint64_t have, std::uint64_t size)
    : m_fd(fd), m_requested_from(have), m_file(fd, have, size), m_hash(std::make_unique<Hash>())
{
    crypto_hash_sha256_init(&m_hash->state);
}

DownloadSink::~DownloadSink() = default;

bool DownloadSink::hash_existing()
{
    return hash_prefix(m_fd, m_requested_from, m_hash->state);
}

bool DownloadSink::write(const HttpReplyHead& head, std::string_view bytes)
{
    if (!m_action) {
        m_action = resume_action(head.status, m_requested_from, parse_content_range_start(head.header("content-range")));
        if (*m_action == ResumeAction::restart) {
            // The whole file comes: what is on disk goes.
            if (!m_file.restart())
                return false;
            crypto_hash_sha256_init(&m_hash->state);
        }
    }
    if (*m_action == ResumeAction::fail)
        return true;  // read to the end and dropped: the status is the message
    if (*m_action == ResumeAction::start_over)
        return false;  // nothing of this reply is written; the caller asks again from zero
    if (!m_file.write(head, bytes))
        return false;
    crypto_hash_sha256_update(&m_hash->state, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return true;
}

protocol::Sha256 DownloadSink::digest()
{
    protocol::Sha256 digest{};
    crypto_hash_sha256_final(&m_hash->state, digest.data());
    return digest;
}

}  // namespace lotsen
