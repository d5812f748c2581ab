// fault_vfs.hpp — a power cut for SQLite, as its own crash tests simulate one: a VFS over the default
// one that keeps, for every database and journal file, what has been synced (the durable image) and the
// writes since (pending). After a set number of writes and syncs the disk "dies" (every later write or
// sync fails, as the process would stop there); power_cut() then writes back, for each file, the durable
// image with each pending write applied, dropped or torn (only its first sectors) at random and in a
// random order. -shm files vanish. Real fsync is never called: durability is what this layer says.
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

struct sqlite3_vfs;

namespace lotsen::testing {

class FaultVfs {
public:
    /// Registers the VFS as SQLite's default (once per process) and returns it.
    static FaultVfs& install();

    /// Makes the default VFS the default again (every connection through this one must be closed).
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

private:
    sqlite3_vfs* m_base = nullptr;
    std::map<std::string, Shadow> m_files;
    std::uint64_t m_left = UINT64_MAX;
    bool m_dead = false;
    std::mt19937 m_random;
};

}  // namespace lotsen::testing
