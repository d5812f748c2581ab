// fault_vfs.hpp — a power cut for SQLite, as its own crash tests simulate one: a VFS over the default
// one that keeps, for every database and journal file, what has been synced (the durable image) and the
// writes since (pending). After a set number of writes and syncs the disk "dies" (every later write or
// sync fails, as the process would stop there); power_cut() then writes back, for each file, the durable
// image with each pending write applied, dropped or torn (only its first sectors) at random and in a
// random order. -shm files vanish. Real fsync is never called: durability is what this layer says.
//
// Files written outside SQLite (updates/state.json, releases/state.json, kiosk.key, …) come through
// the durable-file helper's test seam (core/base/file.hpp, DurableFileHooks) and count against the same
// budget of operations, so the disk dies at one point for both. Their model: a file's content is
// durable once synced, and a name (a new file, a rename or link) once its folder is synced; at the
// cut an unsynced content is lost, torn or kept, and of the unsynced name changes an in-order prefix
// survives (a journalling file system commits them in order).
#pragma once

#include "core/base/file.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

struct sqlite3_vfs;

namespace lotsen::testing {

class FaultVfs : public DurableFileHooks {
public:
    /// Registers the VFS as SQLite's default (once per process), sets the durable-file hooks, and
    /// returns it.
    static FaultVfs& install();

    /// Makes the default VFS the default again (every connection through this one must be closed)
    /// and clears the durable-file hooks.
    void uninstall();
    /// Forgets every file and starts counting again; the disk dies after `operations` writes and syncs.
    void arm(std::uint64_t operations, std::uint32_t seed);
    /// True once the disk died.
    bool dead() const { return m_dead; }
    /// Writes back what a power cut leaves of every file known since arm(), then lets the disk live
    /// again (unarmed: nothing dies until the next arm()).
    void power_cut();

    // Used by the VFS's C callbacks.
    struct Write {
        bool truncate = false;
        std::int64_t offset = 0;  ///< or the new size, for a truncate
        std::string bytes;
    };
    struct Shadow {
        std::string durable;
        std::vector<Write> pending;
    };
    bool count_operation();  ///< false when the disk is (now) dead
    Shadow& shadow(const std::string& path);
    void forget(const std::string& path) { m_files.erase(path); }
    sqlite3_vfs* base() const { return m_base; }

    // DurableFileHooks: files written through core/base/file.
    bool write(const std::string& path, std::string_view bytes) override;
    bool sync(const std::string& path) override;
    bool rename(const std::string& from, const std::string& to) override;
    bool sync_directory(const std::string& dir) override;

private:
    /// A file written through the durable-file helper, by its identity (an inode: names come and go).
    struct PlainFile {
        std::string durable;                 ///< its content as synced (or as found)
        std::optional<std::string> pending;  ///< a whole new content, not yet synced
    };
    /// A name change not yet made durable by a folder sync: `from` empty for a new name.
    struct NameChange {
        std::string from;
        std::string to;
        std::size_t file = 0;
    };
    std::size_t plain_file(const std::string& path);
    void forget_plain_files();
    void plain_power_cut();

    std::vector<PlainFile> m_plain;
    std::map<std::string, std::size_t> m_names;          ///< what the running process sees
    std::map<std::string, std::size_t> m_durable_names;  ///< what the disk holds for sure
    std::vector<NameChange> m_name_changes;              ///< in order, not yet durable

    sqlite3_vfs* m_base = nullptr;
    std::map<std::string, Shadow> m_files;
    std::uint64_t m_left = UINT64_MAX;
    bool m_dead = false;
    std::mt19937 m_random;
};

}  // namespace lotsen::testing
