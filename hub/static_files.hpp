// static_files.hpp — the published tree (DATA_DIR/published: manifest.json and files/<sha256>.<ext>,
// written by `lotsen-hub publish`) as any web server must serve it to kiosks, without the HTTP
// plumbing: the file-name rule (nothing outside files/ is ever reachable), strong entity tags (the
// SHA-256 of the bytes, cached per file by inode, size and mtime so a 50 MB release is not rehashed
// per request), If-None-Match and If-Range matching, and what a Range header asks for. server.cpp
// turns these answers into httplib responses; docs/updates.md says what another server must do.
#pragma once

#include "core/wire/protocol.hpp"

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace lotsen::hub {

/// Names inside a hub data directory: DATA_DIR/published/{manifest.json, files/}.
inline constexpr const char* k_published_subdir = "published";
inline constexpr const char* k_published_files_subdir = "files";
inline constexpr const char* k_manifest_file = "manifest.json";

/// DATA_DIR/published.
std::string published_dir(const std::string& data_dir);

/// True for a published file's name: "<64 lowercase hex>.<1-8 of a-z 0-9>", the manifest's rule. Such
/// a name has no '/' and no leading '.', so it can only ever name a file directly inside files/.
bool is_published_file_name(std::string_view name);

/// The quoted strong entity tag of bytes with this SHA-256: "\"<64 hex>\"".
std::string entity_tag(const protocol::Sha256& hash);

/// True when an If-None-Match value lists `etag` (weak comparison: W/ is ignored) or is "*".
bool if_none_match_matches(std::string_view header, std::string_view etag);

/// True when an If-Range value is exactly `etag` (strong comparison; a date never matches, as our
/// validator is the entity tag): only then may a partial answer be given.
bool if_range_allows(std::string_view header, std::string_view etag);

/// What a Range header asks of a representation of `size` bytes.
struct RangeAnswer {
    enum class Kind { whole, partial, unsatisfiable };
    Kind kind = Kind::whole;
    std::uint64_t first = 0;   ///< partial: offset of the first byte sent
    std::uint64_t length = 0;  ///< partial: how many bytes are sent (at least 1)
};

/// Interprets a Range header (RFC 9110 §14.2): one "bytes=N-M" (M clamped to the last byte), "bytes=N-"
/// or "bytes=-K" is partial; a range starting at or beyond the end, or "-0", is unsatisfiable. Several
/// ranges, another unit or anything unreadable is answered whole, which RFC 9110 allows.
RangeAnswer interpret_range(std::string_view header, std::uint64_t size);

/// Bytes ready to be served — an open file or a copy in memory — with their size and entity tag.
/// Copies share the source; a file stays open until the last copy (and httplib's provider) is gone.
class ServedContent {
public:
    /// Content held in memory (the manifest: small, and read whole so it is one consistent version).
    static ServedContent from_bytes(std::string bytes);
    /// An open file of `size` bytes whose SHA-256 is `hash`; takes ownership of `fd`.
    static ServedContent from_file(int fd, std::uint64_t size, const protocol::Sha256& hash);

    /// Bytes in all.
    std::uint64_t size() const { return m_size; }
    /// Quoted strong entity tag.
    const std::string& etag() const { return m_etag; }
    /// Copies up to `length` bytes at `offset` into `buffer`: how many, 0 at the end, -1 on a read error.
    long read_at(std::uint64_t offset, char* buffer, std::size_t length) const;

private:
    struct Source;
    std::shared_ptr<const Source> m_source;
    std::uint64_t m_size = 0;
    std::string m_etag;
};

/// The outcome of looking something up in the published tree.
struct StaticLookup {
    enum class Status { found, not_found, failed };
    Status status = Status::not_found;
    std::shared_ptr<const ServedContent> content;  ///< when found
    std::string problem;                           ///< when failed: for the log, never the client
};

/// The published tree of one hub, read per request (publish may run beside a serving hub: it only
/// ever renames whole files into place, so every open sees one complete version).
class StaticFiles {
public:
    /// Serves DATA_DIR/published (`directory`); it need not exist yet.
    explicit StaticFiles(std::string directory);

    /// manifest.json, read whole.
    StaticLookup manifest();
    /// files/<name>; not_found for any name outside the rule; failed when its bytes do not match
    /// the SHA-256 its name states (damaged on disk).
    StaticLookup file(std::string_view name);

private:
    struct CachedHash {
        dev_t device = 0;
        ino_t inode = 0;
        std::uint64_t size = 0;
        std::int64_t mtime_ns = 0;
        protocol::Sha256 hash{};
    };

    std::string m_directory;
    std::mutex m_cache_mutex;
    std::unordered_map<std::string, CachedHash> m_hashes;  ///< by file name
};

}  // namespace lotsen::hub
