// file.hpp — the one way to write a file that must survive a power cut, and the text of errno.
// Every file the kiosk or the hub must find whole after a power cut (state files, keys, published
// files, the accepted config) goes through write_file_atomically (or create_file_durably for a file
// that must never be replaced). Tests drive a simulated power cut through DurableFileHooks.
#pragma once

#include "core/base/result.hpp"

#include <cstdint>
#include <optional>
#include <limits>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace lotsen {

/// strerror(errno) as a string: call it before anything else can change errno.
std::string errno_text();

/// strerror(code) as a string, for an errno value saved before other calls could change it.
std::string errno_text(int code);

/// The folder part of `path` ("." when it has none, "/" for a file in the root).
std::string parent_of(const std::string& path);

/// The identity of the file at `path` (links followed) as bytes: device, inode, size, modification and
/// change times. A package update or a rewrite gives other bytes, so a cache can name its inputs by it
/// without reading them. Nothing when the file cannot be looked at.
std::optional<std::string> file_identity(const std::string& path);

/// fsync of a folder, so that a rename or a new name in it survives a power cut.
Result<void> fsync_directory(const std::string& dir);

/// Renames `from` to `to` (same file system) and syncs the folders of both names.
Result<void> durable_rename(const std::string& from, const std::string& to);

/// Writes all of `bytes` to `fd`, retrying short writes and EINTR; `path` names the file in the error.
Result<void> write_all(int fd, std::string_view bytes, const std::string& path);

/// The whole file at `path`, read to its end or until more than `limit` bytes are in (a caller that
/// refuses anything longer need not read on). On failure `missing` says whether the file was not there;
/// the error names the path and says what failed ("cannot open: …", "cannot read: …").
Result<std::string> read_whole_file(const std::string& path, bool& missing,
                                    std::size_t limit = std::numeric_limits<std::size_t>::max());

/// The end of every durable replace: fsync and close `fd` (open on `temporary`, whose content is
/// complete), rename `temporary` over `path` and sync the folder. On failure the temporary is removed.
/// For a file written piece by piece; write_file_atomically is this for bytes already in memory.
Result<void> commit_temporary_file(int fd, const std::string& temporary, const std::string& path);

/// Free bytes for an unprivileged user on the file system holding `path` (statvfs); nullopt when
/// it cannot be read.
std::optional<std::uint64_t> free_disk_bytes(const std::string& path);

/// Sets a damaged file aside instead of deleting it: renames `path` to "<path>.damaged-<n>" (the
/// lowest n ≥ 1 not yet taken, so an earlier damaged copy is never replaced), together with its SQLite
/// companions "<path>-wal" and "<path>-shm" when they exist (as "<aside>-wal", "<aside>-shm"), makes
/// it private (mode 0600: a damaged key may hold a secret), and syncs the folder. Returns the new
/// path. Nothing is ever removed.
Result<std::string> keep_aside(const std::string& path);

/// Replaces `path` with `bytes` so that a power cut leaves the old file or the new one, never a mix:
/// "<path>.tmp" written with `mode`, fsync, rename over, fsync of the folder.
Result<void> write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode = 0600);

/// Makes `path` with `bytes` only when it does not exist yet (a secret key: a second writer must
/// never replace the first one's): "<path>.new.<pid>" written with `mode`, fsync, link() to `path`
/// (which never replaces a name), the temporary name removed, fsync of the folder. True when this
/// call made it; false when `path` existed already (it is left as it is). A power cut leaves no
/// file or the whole one.
Result<bool> create_file_durably(const std::string& path, std::string_view bytes, mode_t mode = 0600);

/// A test seam, never set outside tests: the power-cut fault layer (tests/unit/sqlite/fault_vfs.*)
/// hears of every step of the durable writes above, as it hears SQLite's through its VFS, so that
/// files written outside SQLite are lost, torn and reordered at a simulated cut like the databases.
/// Each call comes before the real step; false means the disk is dead and the step fails.
class DurableFileHooks {
public:
    virtual ~DurableFileHooks() = default;
    /// `path` is about to hold `bytes` (a whole new content, not yet synced).
    virtual bool write(const std::string& path, std::string_view bytes) = 0;
    /// `path`'s content is about to be synced.
    virtual bool sync(const std::string& path) = 0;
    /// `from` is about to be renamed (or linked and then unlinked) to `to`.
    virtual bool rename(const std::string& from, const std::string& to) = 0;
    /// The folder `dir` is about to be synced (its renames become durable).
    virtual bool sync_directory(const std::string& dir) = 0;
};

/// Sets (or with null clears) the hooks; returns the previous ones.
DurableFileHooks* set_durable_file_hooks(DurableFileHooks* hooks);

}  // namespace lotsen
