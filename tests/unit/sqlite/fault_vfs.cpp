// fault_vfs.cpp — see fault_vfs.hpp.
#include "tests/unit/sqlite/fault_vfs.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace lotsen::testing {

namespace {

FaultVfs* g_vfs = nullptr;

struct FaultFile {
    sqlite3_file base;     // must be first: SQLite sees this
    sqlite3_file* real;    // the default VFS's file, allocated after this struct
    std::string* path;     // null for files that are not shadowed (-shm, temporary files)
};

FaultFile* fault(sqlite3_file* file) { return reinterpret_cast<FaultFile*>(file); }

std::string read_whole(const std::string& path)
{
    // One read() of the whole file: istreambuf_iterator trips GCC 12's -Wnull-dereference at -O2.
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error)
        return {};
    std::string bytes(static_cast<std::size_t>(size), '\0');
    std::ifstream in(path, std::ios::binary);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    return bytes;
}

void apply(std::string& image, const FaultVfs::Write& write, std::size_t keep)
{
    if (write.truncate) {
        image.resize(static_cast<std::size_t>(write.offset));
        return;
    }
    const auto end = static_cast<std::size_t>(write.offset) + keep;
    if (image.size() < end)
        image.resize(end);
    std::memcpy(image.data() + write.offset, write.bytes.data(), keep);
}

int x_close(sqlite3_file* file)
{
    FaultFile* f = fault(file);
    const int rc = f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
    delete f->path;
    return rc;
}

int x_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset)
{
    return fault(file)->real->pMethods->xRead(fault(file)->real, buffer, amount, offset);
}

int x_write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset)
{
    FaultFile* f = fault(file);
    if (f->path && !g_vfs->count_operation())
        return SQLITE_IOERR_WRITE;
    const int rc = f->real->pMethods->xWrite(f->real, buffer, amount, offset);
    if (rc == SQLITE_OK && f->path)
        g_vfs->shadow(*f->path).pending.push_back(
            FaultVfs::Write{false, offset, std::string(static_cast<const char*>(buffer), static_cast<std::size_t>(amount))});
    return rc;
}

int x_truncate(sqlite3_file* file, sqlite3_int64 size)
{
    FaultFile* f = fault(file);
    if (f->path && !g_vfs->count_operation())
        return SQLITE_IOERR_TRUNCATE;
    const int rc = f->real->pMethods->xTruncate(f->real, size);
    if (rc == SQLITE_OK && f->path)
        g_vfs->shadow(*f->path).pending.push_back(FaultVfs::Write{true, size, {}});
    return rc;
}

int x_sync(sqlite3_file* file, int)
{
    FaultFile* f = fault(file);
    if (!f->path)
        return SQLITE_OK;
    if (!g_vfs->count_operation())
        return SQLITE_IOERR_FSYNC;
    FaultVfs::Shadow& shadow = g_vfs->shadow(*f->path);
    for (const FaultVfs::Write& write : shadow.pending)
        apply(shadow.durable, write, write.bytes.size());
    shadow.pending.clear();
    return SQLITE_OK;
}

int x_file_size(sqlite3_file* file, sqlite3_int64* size)
{
    return fault(file)->real->pMethods->xFileSize(fault(file)->real, size);
}
int x_lock(sqlite3_file* file, int level) { return fault(file)->real->pMethods->xLock(fault(file)->real, level); }
int x_unlock(sqlite3_file* file, int level) { return fault(file)->real->pMethods->xUnlock(fault(file)->real, level); }
int x_check_reserved(sqlite3_file* file, int* out)
{
    return fault(file)->real->pMethods->xCheckReservedLock(fault(file)->real, out);
}
int x_file_control(sqlite3_file* file, int op, void* arg)
{
    return fault(file)->real->pMethods->xFileControl(fault(file)->real, op, arg);
}
int x_sector_size(sqlite3_file* file) { return fault(file)->real->pMethods->xSectorSize(fault(file)->real); }
int x_device(sqlite3_file* file)
{
    // No atomic-write or safe-append promises: the worst case is what this layer simulates.
    return fault(file)->real->pMethods->xDeviceCharacteristics(fault(file)->real) &
           ~(SQLITE_IOCAP_ATOMIC | SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL | SQLITE_IOCAP_POWERSAFE_OVERWRITE);
}
int x_shm_map(sqlite3_file* file, int page, int size, int extend, void volatile** out)
{
    return fault(file)->real->pMethods->xShmMap(fault(file)->real, page, size, extend, out);
}
int x_shm_lock(sqlite3_file* file, int offset, int n, int flags)
{
    return fault(file)->real->pMethods->xShmLock(fault(file)->real, offset, n, flags);
}
void x_shm_barrier(sqlite3_file* file) { fault(file)->real->pMethods->xShmBarrier(fault(file)->real); }
int x_shm_unmap(sqlite3_file* file, int delete_flag)
{
    return fault(file)->real->pMethods->xShmUnmap(fault(file)->real, delete_flag);
}

const sqlite3_io_methods k_methods = {
    2,  // shared memory, no memory-mapped reads (every read goes through x_read)
    x_close, x_read, x_write, x_truncate, x_sync, x_file_size, x_lock, x_unlock, x_check_reserved,
    x_file_control, x_sector_size, x_device, x_shm_map, x_shm_lock, x_shm_barrier, x_shm_unmap,
    nullptr, nullptr,
};

int x_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags)
{
    FaultFile* f = fault(file);
    f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + sizeof(FaultFile));
    f->path = nullptr;
    file->pMethods = nullptr;
    sqlite3_vfs* base = static_cast<FaultVfs*>(vfs->pAppData)->base();
    const int rc = base->xOpen(base, name, f->real, flags, out_flags);
    if (rc != SQLITE_OK)
        return rc;
    const bool durable = name != nullptr && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) != 0;
    if (durable) {
        f->path = new std::string(name);
        g_vfs->shadow(name);  // what is on disk now counts as synced
    }
    file->pMethods = &k_methods;
    return SQLITE_OK;
}

int x_delete(sqlite3_vfs* vfs, const char* name, int sync_dir)
{
    sqlite3_vfs* base = static_cast<FaultVfs*>(vfs->pAppData)->base();
    if (!g_vfs->count_operation())
        return SQLITE_IOERR_DELETE;
    g_vfs->forget(name);
    return base->xDelete(base, name, sync_dir);
}

int x_access(sqlite3_vfs* vfs, const char* name, int flags, int* out)
{
    sqlite3_vfs* base = static_cast<FaultVfs*>(vfs->pAppData)->base();
    return base->xAccess(base, name, flags, out);
}

int x_full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out)
{
    sqlite3_vfs* base = static_cast<FaultVfs*>(vfs->pAppData)->base();
    return base->xFullPathname(base, name, size, out);
}

}  // namespace

FaultVfs& FaultVfs::install()
{
    static FaultVfs instance;
    static sqlite3_vfs vfs;
    if (g_vfs != nullptr) {
        sqlite3_vfs_register(&vfs, 1);  // default again after uninstall()
    } else {
        g_vfs = &instance;
        instance.m_base = sqlite3_vfs_find(nullptr);
        vfs = *instance.m_base;  // every call not overridden goes to the default VFS
        vfs.iVersion = 1;
        vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + instance.m_base->szOsFile;
        vfs.zName = "lotsen-fault";
        vfs.pAppData = &instance;
        vfs.xOpen = x_open;
        vfs.xDelete = x_delete;
        vfs.xAccess = x_access;
        vfs.xFullPathname = x_full_pathname;
        sqlite3_vfs_register(&vfs, 1);
    }
    set_durable_file_hooks(&instance);
    return instance;
}

void FaultVfs::uninstall()
{
    m_files.clear();
    forget_plain_files();
    set_durable_file_hooks(nullptr);
    sqlite3_vfs_register(m_base, 1);
}

void FaultVfs::arm(std::uint64_t operations, std::uint32_t seed)
{
    m_files.clear();
    forget_plain_files();
    m_left = operations;
    m_dead = false;
    m_random.seed(seed);
}

bool FaultVfs::count_operation()
{
    if (m_dead)
        return false;
    if (m_left == 0) {
        m_dead = true;
        return false;
    }
    --m_left;
    return true;
}

FaultVfs::Shadow& FaultVfs::shadow(const std::string& path)
{
    auto found = m_files.find(path);
    if (found == m_files.end())
        found = m_files.emplace(path, Shadow{read_whole(path), {}}).first;
    return found->second;
}

// ---------------------------------------------------------------------------------------------
// Files written through core/base/file.

void FaultVfs::forget_plain_files()
{
    m_plain.clear();
    m_names.clear();
    m_durable_names.clear();
    m_name_changes.clear();
}

std::size_t FaultVfs::plain_file(const std::string& path)
{
    if (const auto found = m_names.find(path); found != m_names.end())
        return found->second;
    const std::size_t file = m_plain.size();
    std::error_code error;
    if (std::filesystem::exists(path, error)) {
        // There before this layer heard of it: as durable as anything.
        m_plain.push_back(PlainFile{read_whole(path), std::nullopt});
        m_durable_names[path] = file;
    } else {
        m_plain.push_back(PlainFile{std::string(), std::nullopt});
        m_name_changes.push_back(NameChange{std::string(), path, file});  // a new name: durable at a folder sync
    }
    m_names[path] = file;
    return file;
}

bool FaultVfs::write(const std::string& path, std::string_view bytes)
{
    if (!count_operation())
        return false;
    m_plain[plain_file(path)].pending = std::string(bytes);
    return true;
}

bool FaultVfs::sync(const std::string& path)
{
    if (!count_operation())
        return false;
    PlainFile& file = m_plain[plain_file(path)];
    if (file.pending) {
        file.durable = std::move(*file.pending);
        file.pending.reset();
    }
    return true;
}

bool FaultVfs::rename(const std::string& from, const std::string& to)
{
    if (!count_operation())
        return false;
    const std::size_t file = plain_file(from);
    // A file the new name replaces is known first: until the rename is durable, it is what the name holds.
    std::error_code error;
    if (!m_names.contains(to) && std::filesystem::exists(to, error))
        plain_file(to);
    m_names.erase(from);
    m_names[to] = file;
    m_name_changes.push_back(NameChange{from, to, file});
    return true;
}

namespace {

std::string folder_of(const std::string& path)
{
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, std::max<std::size_t>(slash, 1));
}

void apply_name_change(std::map<std::string, std::size_t>& names, const std::string& from, const std::string& to,
                       std::size_t file)
{
    if (!from.empty()) {
        if (const auto found = names.find(from); found != names.end() && found->second == file)
            names.erase(found);
    }
    names[to] = file;
}

}  // namespace

bool FaultVfs::sync_directory(const std::string& dir)
{
    if (!count_operation())
        return false;
    // Every change in this folder up to now is on disk; changes before it in other folders too (one
    // journal, committed in order).
    std::size_t last = 0;
    for (std::size_t i = 0; i < m_name_changes.size(); ++i) {
        const NameChange& change = m_name_changes[i];
        if (folder_of(change.to) == dir || (!change.from.empty() && folder_of(change.from) == dir))
            last = i + 1;
    }
    for (std::size_t i = 0; i < last; ++i)
        apply_name_change(m_durable_names, m_name_changes[i].from, m_name_changes[i].to, m_name_changes[i].file);
    m_name_changes.erase(m_name_changes.begin(), m_name_changes.begin() + static_cast<long>(last));
    return true;
}

void FaultVfs::plain_power_cut()
{
    std::map<std::string, std::size_t> names = m_durable_names;
    const std::size_t survive = m_name_changes.empty() ? 0 : m_random() % (m_name_changes.size() + 1);
    for (std::size_t i = 0; i < survive; ++i)
        apply_name_change(names, m_name_changes[i].from, m_name_changes[i].to, m_name_changes[i].file);
    // The content each surviving file has: its synced bytes, with an unsynced new content lost, torn
    // (a prefix: the first blocks reached the disk, the rest did not) or whole.
    std::vector<std::string> contents;
    for (const PlainFile& file : m_plain) {
        std::string content = file.durable;
        if (file.pending) {
            const int fate = static_cast<int>(m_random() % 10);
            if (fate >= 6)
                content = *file.pending;
            else if (fate >= 4)
                content = file.pending->substr(0, m_random() % (file.pending->size() + 1));
        }
        contents.push_back(std::move(content));
    }
    std::vector<std::string> every_name;
    for (const auto& [name, file] : m_names)
        every_name.push_back(name);
    for (const auto& [name, file] : m_durable_names)
        every_name.push_back(name);
    for (const NameChange& change : m_name_changes) {
        every_name.push_back(change.to);
        if (!change.from.empty())
            every_name.push_back(change.from);
    }
    for (const std::string& name : every_name) {
        const auto kept = names.find(name);
        if (kept == names.end()) {
            ::unlink(name.c_str());
            continue;
        }
        const std::string& content = contents[kept->second];
        const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd >= 0) {
            (void)!::write(fd, content.data(), content.size());
            ::close(fd);
        }
    }
    forget_plain_files();
}

void FaultVfs::power_cut()
{
    plain_power_cut();
    for (auto& [path, shadow] : m_files) {
        std::string image = shadow.durable;
        std::vector<Write> pending = shadow.pending;
        std::shuffle(pending.begin(), pending.end(), m_random);  // the disk may reorder them
        for (const Write& write : pending) {
            const int fate = static_cast<int>(m_random() % 10);
            if (fate < 4)
                continue;  // lost
            if (fate < 6 && !write.truncate && write.bytes.size() > 512) {
                // Torn: only the first sectors reached the platter.
                const std::size_t sectors = write.bytes.size() / 512;
                apply(image, write, 512 * (1 + m_random() % sectors));
                continue;
            }
            apply(image, write, write.bytes.size());
        }
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd >= 0) {
            (void)!::write(fd, image.data(), image.size());
            ::close(fd);
        }
        ::unlink((path + "-shm").c_str());  // shared memory does not survive a power cut
    }
    m_files.clear();
    m_left = UINT64_MAX;
    m_dead = false;
}

}  // namespace lotsen::testing
