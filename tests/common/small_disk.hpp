// small_disk.hpp — a real full disk for the tests that need one: a small tmpfs mounted in a private
// mount namespace (as root, or inside a new user namespace when unprivileged), and a file written until
// the disk takes no more. Call these only in a child process: the namespace must not outlive the test.
// Header-only, like the rest of tests/common.
#pragma once

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

namespace lotsen::testing {

/// Moves this (child) process into a mount namespace of its own with a tmpfs of `size` ("8m") at `dir`;
/// "" when done, else why it could not (the caller skips with that reason).
inline std::string mount_small_disk(const std::string& dir, const char* size)
{
    const auto write_proc = [](const char* path, const std::string& text) {
        std::ofstream out(path);
        out << text;
        return static_cast<bool>(out);
    };
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (uid != 0) {
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            return std::string("no user namespace: ") + std::strerror(errno);
        write_proc("/proc/self/setgroups", "deny");
        if (!write_proc("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
            !write_proc("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1"))
            return "the user namespace's id maps could not be written";
    } else if (::unshare(CLONE_NEWNS) != 0) {
        return std::string("no mount namespace: ") + std::strerror(errno);
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return std::string("mounts cannot be made private: ") + std::strerror(errno);
    const std::string options = std::string("size=") + size + ",mode=0700";
    if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) != 0)
        return std::string("tmpfs cannot be mounted: ") + std::strerror(errno);
    return {};
}

/// Writes `path` until the disk takes no more: whole blocks, then single bytes for the last one.
inline void fill_disk(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    static const char block[4096] = {};
    while (::write(fd, block, sizeof block) > 0) {
    }
    while (::write(fd, block, 1) > 0) {
    }
    ::close(fd);
}

}  // namespace lotsen::testing
