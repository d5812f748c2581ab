// file.cpp — durable file writes: temporary file, fsync, rename, fsync of the folder; each step
// told first to the test seam (DurableFileHooks) when one is set.
#include "core/base/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace lotsen {

namespace {

std::atomic<DurableFileHooks*> g_hooks{nullptr};

Error dead_disk(const std::string& path, const char* step)
{
    return Error{path + ": " + step + " failed: Input/output error (simulated power cut)"};
}

}  // namespace

DurableFileHooks* set_durable_file_hooks(DurableFileHooks* hooks)
{
    return g_hooks.exchange(hooks);
}

std::string errno_text()
{
    return std::strerror(errno);
}

std::string errno_text(int code)
{
    return std::strerror(code);
}

std::string parent_of(const std::string& path)
{
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::optional<std::string> file_identity(const std::string& path)
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return std::nullopt;
    const std::uint64_t numbers[] = {
        static_cast<std::uint64_t>(info.st_dev),          static_cast<std::uint64_t>(info.st_ino),
        static_cast<std::uint64_t>(info.st_size),         static_cast<std::uint64_t>(info.st_mtim.tv_sec),
        static_cast<std::uint64_t>(info.st_mtim.tv_nsec), static_cast<std::uint64_t>(info.st_ctim.tv_sec),
        static_cast<std::uint64_t>(info.st_ctim.tv_nsec)};
    return std::string(reinterpret_cast<const char*>(numbers), sizeof numbers);
}

Result<void> fsync_directory(const std::string& dir)
{
    if (DurableFileHooks* hooks = g_hooks.load(); hooks && !hooks->sync_directory(dir))
        return dead_disk(dir, "fsync");
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return Error{dir + ": cannot open directory to sync it: " + errno_text()};
    const int rc = ::fsync(fd);
    const std::string error = rc == 0 ? std::string() : errno_text();
    ::close(fd);
    if (rc != 0)
        return Error{dir + ": fsync failed: " + error};
    return success();
}

Result<void> durable_rename(const std::string& from, const std::string& to)
{
    if (DurableFileHooks* hooks = g_hooks.load(); hooks && !hooks->rename(from, to))
        return dead_disk(from, "rename");
    if (std::rename(from.c_str(), to.c_str()) != 0)
        return Error{from + " → " + to + ": rename failed: " + errno_text()};
    LOTSEN_TRY(fsync_directory(parent_of(to)));
    if (parent_of(from) != parent_of(to))
        LOTSEN_TRY(fsync_directory(parent_of(from)));
    return success();
}

Result<std::string> read_whole_file(const std::string& path, bool& missing, std::size_t limit)
{
    missing = false;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        missing = errno == ENOENT;
        return Error{path + ": cannot open: " + errno_text()};
    }
    struct stat info {};
    std::string bytes;
    if (::fstat(fd, &info) == 0 && info.st_size > 0)
        bytes.reserve(std::min(static_cast<std::size_t>(info.st_size), limit));
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const std::string error = errno_text();
            ::close(fd);
            return Error{path + ": cannot read: " + error};
        }
        if (n == 0)
            break;
        bytes.append(buffer, static_cast<std::size_t>(n));
        if (bytes.size() > limit)
            break;
    }
    ::close(fd);
    return bytes;
}

Result<void> write_all(int fd, std::string_view bytes, const std::string& path)
{
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return Error{path + ": write failed: " + errno_text()};
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return success();
}

Result<void> commit_temporary_file(int fd, const std::string& temporary, const std::string& path)
{
    // The data must be on disk before the rename makes it the file, or a power cut could leave the
    // new name pointing at nothing.
    DurableFileHooks* hooks = g_hooks.load();
    if (hooks && !hooks->sync(temporary)) {
        ::close(fd);
        ::unlink(temporary.c_str());
        return dead_disk(temporary, "fsync");
    }
    if (::fsync(fd) != 0) {
        const std::string error = errno_text();
        ::close(fd);
        ::unlink(temporary.c_str());
        return Error{temporary + ": fsync failed: " + error};
    }
    ::close(fd);
    if (hooks && !hooks->rename(temporary, path)) {
        ::unlink(temporary.c_str());
        return dead_disk(path, "rename");
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string error = errno_text();
        ::unlink(temporary.c_str());
        return Error{path + ": rename failed: " + error};
    }
    return fsync_directory(parent_of(path));
}

std::optional<std::uint64_t> free_disk_bytes(const std::string& path)
{
    struct statvfs fs {};
    if (::statvfs(path.c_str(), &fs) != 0)
        return std::nullopt;
    return static_cast<std::uint64_t>(fs.f_bavail) * static_cast<std::uint64_t>(fs.f_frsize);
}

Result<std::string> keep_aside(const std::string& path)
{
    // link() never replaces an existing name, so a free name is found without a check-then-rename
    // race, and the damaged file is never lost between the two names.
    std::string aside;
    for (int n = 1;; ++n) {
        if (n > 999)
            return Error{path + ": cannot set it aside: 999 damaged copies are kept already"};
        aside = path + ".damaged-" + std::to_string(n);
        if (::link(path.c_str(), aside.c_str()) == 0)
            break;
        if (errno != EEXIST)
            return Error{path + ": cannot set it aside as " + aside + ": " + errno_text()};
    }
    if (::unlink(path.c_str()) != 0) {
        const std::string error = errno_text();
        ::unlink(aside.c_str());  // the second name of the same file; the original stays
        return Error{path + ": cannot set it aside: " + error};
    }
    (void)::chmod(aside.c_str(), 0600);  // best effort: a file of another owner keeps its mode
    for (const char* companion : {"-wal", "-shm"}) {
        const std::string from = path + companion;
        if (::access(from.c_str(), F_OK) == 0 && std::rename(from.c_str(), (aside + companion).c_str()) != 0)
            return Error{from + ": cannot set it aside beside " + aside + ": " + errno_text()};
    }
    LOTSEN_TRY(fsync_directory(parent_of(path)));
    return aside;
}

Result<void> write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode)
{
    const std::string temporary = path + ".tmp";
    // O_NOFOLLOW: a link planted under the temporary name must not redirect the write elsewhere.
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0)
        return Error{temporary + ": cannot create: " + errno_text()};
    // O_CREAT's mode is filtered by the umask, and an old temporary file keeps its own.
    if (::fchmod(fd, mode) != 0) {
        const std::string error = errno_text();
        ::close(fd);
        ::unlink(temporary.c_str());
        return Error{temporary + ": cannot set its mode: " + error};
    }
    if (DurableFileHooks* hooks = g_hooks.load(); hooks && !hooks->write(temporary, bytes)) {
        ::close(fd);
        ::unlink(temporary.c_str());
        return dead_disk(temporary, "write");
    }
    if (auto written = write_all(fd, bytes, temporary); !written) {
        ::close(fd);
        ::unlink(temporary.c_str());
        return written.error();
    }
    return commit_temporary_file(fd, temporary, path);
}

Result<bool> create_file_durably(const std::string& path, std::string_view bytes, mode_t mode)
{
    DurableFileHooks* hooks = g_hooks.load();
    // Named for this process: two processes making the same file at once each write their own.
    const std::string temporary = path + ".new." + std::to_string(::getpid());
    ::unlink(temporary.c_str());  // this process's own leftover, from a start cut short
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0)
        return Error{temporary + ": cannot create: " + errno_text()};
    Result<void> written = success();
    if (::fchmod(fd, mode) != 0)
        written = Error{temporary + ": cannot set its mode: " + errno_text()};
    else if (hooks && !hooks->write(temporary, bytes))
        written = dead_disk(temporary, "write");
    else
        written = write_all(fd, bytes, temporary);
    if (written && hooks && !hooks->sync(temporary))
        written = dead_disk(temporary, "fsync");
    else if (written && ::fsync(fd) != 0)
        written = Error{temporary + ": fsync failed: " + errno_text()};
    ::close(fd);
    if (written && hooks && !hooks->rename(temporary, path))
        written = dead_disk(path, "link");
    if (!written) {
        ::unlink(temporary.c_str());
        return written.error();
    }
    // link() never replaces: when another writer made `path` meanwhile, theirs stays.
    const int linked = ::link(temporary.c_str(), path.c_str());
    const int link_errno = errno;
    ::unlink(temporary.c_str());
    if (linked != 0 && link_errno == EEXIST)
        return false;
    if (linked != 0)
        return Error{path + ": cannot put it in place: " + errno_text(link_errno)};
    LOTSEN_TRY(fsync_directory(parent_of(path)));
    return true;
}

}  // namespace lotsen
