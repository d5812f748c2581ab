// download.hpp — downloading one signed file with resume: what to do with a partial file and a
// reply (plan_download, resume_action), how large a file of each kind may be, hashing what is on
// disk, and the body sink that writes a reply into DATA_DIR/updates/partial/ and hashes it as it goes.
#pragma once

#include "core/net/http_session.hpp"
#include "core/wire/manifest.hpp"
#include "core/wire/protocol.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace lotsen {

/// What to do with a partial download of `have` bytes of an entry of `size` bytes, before asking.
struct DownloadPlan {
    bool discard = false;    ///< the partial file cannot be this entry's (longer than it): delete it
    bool complete = false;   ///< it has exactly `size` bytes: verify it without asking the hub
    std::uint64_t from = 0;  ///< else ask from this byte (0: the whole file, no Range header)
    bool operator==(const DownloadPlan&) const = default;
};
/// The plan for a partial file of `have` bytes of an entry of `size` bytes.
DownloadPlan plan_download(std::uint64_t have, std::uint64_t size);

/// What a reply to a file request means for the partial file.
enum class ResumeAction {
    append,      ///< 206 from the byte asked for: append to the partial file
    restart,     ///< 200: the whole file comes; write it from zero
    start_over,  ///< 416, or a 206 from another byte: delete the partial file and ask from zero
    fail,        ///< anything else: keep the partial file, try again at the next check
};

/// Decides about a reply with HTTP `status` to a request from byte `requested_from` (0 = no Range);
/// `range_start` is the first byte of a 206's Content-Range (nullopt when absent or unreadable).
ResumeAction resume_action(long status, std::uint64_t requested_from, std::optional<std::uint64_t> range_start);

/// The first byte of a Content-Range header value ("bytes 100-199/200" → 100); nullopt otherwise.
std::optional<std::uint64_t> parse_content_range_start(std::string_view value);

/// What a download must leave free on the data disk beyond the file itself: room for the outbox to
/// take check-ins and for the store to import what was fetched.
inline constexpr std::uint64_t k_download_keep_free_bytes = std::uint64_t{32} << 20;

/// Whether the rest of a download (`size` signed bytes, `have` of them already on disk) fits in
/// `free_bytes` with `keep_free` left over; an error naming `label` and the figures when it does not.
/// Unknown free space (nullopt) is no reason to refuse. Checked before a byte is asked for, so a
/// download never fills the disk and never leaves a partial file that did.
Result<void> check_room_for_download(std::string_view label, std::uint64_t have, std::uint64_t size,
                                     std::optional<std::uint64_t> free_bytes, std::uint64_t keep_free);

/// Largest file the kiosk downloads of each kind, whatever a manifest says (the disk is small).
std::uint64_t max_download_bytes(manifest::Kind kind);

/// The size of a regular file; nullopt when it is missing or not a regular file.
std::optional<std::uint64_t> file_size(const std::string& path);

/// The SHA-256 of a whole file of `size` bytes; nullopt when it cannot be read or is another size.
std::optional<protocol::Sha256> hash_file(const std::string& path, std::uint64_t size);

/// Where a file request's body goes: the partial file `fd` (which holds `have` bytes, asked to be
/// continued from there). At the first byte of the body it decides with resume_action() what the
/// reply means: append, write from zero, or nothing (start over, or a refused reply, whose body is
/// read and dropped). Never more than `size` bytes are taken; the file's bytes are hashed as they come.
class DownloadSink final : public HttpBodySink {
public:
    /// A sink for `fd` (still the caller's), which holds `have` bytes of an entry of `size` bytes.
    DownloadSink(int fd, std::uint64_t have, std::uint64_t size);
    ~DownloadSink() override;
    DownloadSink(const DownloadSink&) = delete;
    DownloadSink& operator=(const DownloadSink&) = delete;

    /// Hashes the `have` bytes already in the file; false when they cannot be read.
    bool hash_existing();
    /// Decides at the first byte what the reply means, then appends, restarts or drops `bytes`.
    bool write(const HttpReplyHead& head, std::string_view bytes) override;

    /// What the reply meant, decided at its first body byte; nullopt when no body came.
    std::optional<ResumeAction> action() const { return m_action; }
    /// True when the reply held more than the entry's size.
    bool overflow() const { return m_file.overflow(); }
    /// True when writing or truncating the file failed (errno tells why).
    bool write_failed() const { return m_file.write_failed(); }
    /// Bytes in the partial file now.
    std::uint64_t file_bytes() const { return m_file.bytes(); }
    /// The SHA-256 of the file's bytes; call once, at the end.
    protocol::Sha256 digest();

private:
    struct Hash;
    int m_fd;
    std::uint64_t m_requested_from;
    FileSink m_file;
    std::unique_ptr<Hash> m_hash;
    std::optional<ResumeAction> m_action;
};

}  // namespace lotsen
