// gl_memory_main.cpp — lotsen-gl-memory: the kiosk's own main loop (run_windowed) in a real window,
// on whatever renderer SDL picks there (OpenGL on Mesa under X), driven from inside the loop so that
// what a visitor does can be repeated exactly, and its own memory read at fixed points. lotsen-bench
// starts it under Xvfb (gl_memory_bench.cpp); it prints one JSON object on stdout when it is done.
//
// The phases: after start (the first quiet second 2 s after the first frame); after a first pass
// through every screen in every language and both looks (as the soak's visit_everything does); after
// N random inputs (taps on the widgets in sight, drags and flings, stray taps), each sent through
// SDL's event queue one event per frame, as a finger's would come; and after the same pass again, so
// the last two readings compare the same state and what differs is what accumulated.
//
// At every phase it also reads /proc/self/smaps and prints on stderr what changed since the phase
// before, by kind of mapping (each file, the heap, glibc's arenas, thread stacks, JIT code, other
// anonymous mappings by size) and the mappings that changed most; the JSON carries the same by kind.
//
//   lotsen-gl-memory --data-dir DIR --assets-dir DIR [--size WxH] [--inputs N] [--seed S]
//                    [--rounds R] [--sample-every N] [--heap-walk 1]
//
// --heap-walk 1 also walks glibc's main heap at every reading from first_pass on and prints which of
// its pages are resident then and were not at first_pass: those holding a block in use (with the
// blocks by size and first word), and those inside free chunks, which a malloc_trim would give back.
//
// With LOTSEN_GL_MEMORY_QUICK_EXIT=1 in the environment it ends with _Exit right after its last
// reading, freeing nothing, so that a heap profiler sees everything alive then as leaked: run it
// under heaptrack with --rounds 1 and --rounds 3 and compare (heaptrack_print -l -d), as
// docs/performance.md does.
#include "kiosk/windowed.hpp"

#include "kiosk/imgui_buffers.hpp"

#include "core/settings/local_config.hpp"

#include <SDL.h>
#include <cxxabi.h>
#include <dlfcn.h>
#include <imgui.h>
#include <malloc.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace lotsen;
using namespace lotsen::kiosk;

namespace {

/// What /proc/self/smaps_rollup and the allocators say now, KiB.
struct Reading {
    std::string phase;
    long rss = 0;
    long pss = 0;
    long pss_anon = 0;
    long pss_file = 0;
    long private_dirty = 0;  ///< Private_Dirty: also a shared file mapping's pages written and not yet written back
    long anonymous = 0;      ///< Anonymous: RSS less this is the files' pages this process has touched
    long heap_in_use = 0;  ///< malloc's bytes handed out and not returned (mallinfo2 uordblks)
    long heap_held = 0;    ///< what malloc holds from the system (arena + mmapped blocks)
    long sqlite = 0;       ///< sqlite3_memory_used
    int imgui_allocations = 0;
    long imgui_buffers = 0;  ///< ImGui's windows' draw list buffers (imgui_window_buffer_bytes)
    long frames = 0;
};

long field_kib(const std::string& text, std::string_view name)
{
    const std::size_t at = text.find("\n" + std::string(name) + ":");
    if (at == std::string::npos)
        return 0;
    return std::strtol(text.c_str() + at + name.size() + 2, nullptr, 10);
}

Reading read_memory(std::string phase, long frames)
{
    std::ifstream file("/proc/self/smaps_rollup");
    std::ostringstream text;
    text << "\n" << file.rdbuf();
    const std::string rollup = text.str();
    Reading reading;
    reading.phase = std::move(phase);
    reading.rss = field_kib(rollup, "Rss");
    reading.pss = field_kib(rollup, "Pss");
    reading.pss_anon = field_kib(rollup, "Pss_Anon");
    reading.pss_file = field_kib(rollup, "Pss_File");
    reading.private_dirty = field_kib(rollup, "Private_Dirty");
    reading.anonymous = field_kib(rollup, "Anonymous");
    const struct mallinfo2 info = mallinfo2();
    reading.heap_in_use = static_cast<long>(info.uordblks / 1024);
    reading.heap_held = static_cast<long>((info.arena + info.hblkhd) / 1024);
    reading.sqlite = static_cast<long>(sqlite3_memory_used() / 1024);
    reading.imgui_allocations = ImGui::GetCurrentContext() ? ImGui::GetIO().MetricsActiveAllocations : 0;
    reading.imgui_buffers = static_cast<long>(imgui_window_buffer_bytes() / 1024);
    reading.frames = frames;
    return reading;
}

// Which part of the program a mapped file belongs to, for the breakdown of file-backed PSS.
std::string library_group(std::string_view path)
{
    const std::string_view name = path.substr(path.rfind('/') + 1);
    auto starts = [&](std::string_view prefix) { return name.substr(0, prefix.size()) == prefix; };
    if (starts("libLLVM"))
        return "llvm";
    if (name.find("_dri.so") != std::string_view::npos || starts("libgallium") || starts("libvulkan_"))
        return "mesa_driver";
    if (starts("libGL") || starts("libglapi") || starts("libEGL") || starts("libgbm") || starts("libdrm"))
        return "gl_dispatch";
    if (starts("libX") || starts("libxcb") || starts("libxshmfence"))
        return "x11";
    if (starts("libSDL2"))
        return "sdl";
    if (path.empty() || path.front() == '[')
        return "anonymous";
    return "other_files";
}

/// One mapping of /proc/self/smaps: where it is, what it is, and its pages, KiB.
struct Mapping {
    std::string path;  ///< the file's path as smaps gives it, or [heap], [stack]; empty when anonymous
    std::string name;  ///< the file's name, or [heap], [stack], "anonymous"
    std::string perms;
    long size = 0;
    long rss = 0;
    long pss = 0;
    long anonymous = 0;  ///< of rss, private pages not from the file (written or anonymous)
};

/// Every mapping of /proc/self/smaps, keyed by its start address (stable within the process).
std::map<unsigned long, Mapping> read_mappings()
{
    std::ifstream smaps("/proc/self/smaps");
    std::map<unsigned long, Mapping> mappings;
    Mapping* current = nullptr;
    for (std::string line; std::getline(smaps, line);) {
        if (line.empty())
            continue;
        const bool header = std::isxdigit(static_cast<unsigned char>(line[0])) && line.find('-') < line.find(' ');
        if (header) {
            std::istringstream fields(line);
            std::string address, perms, offset, device, inode, path;
            fields >> address >> perms >> offset >> device >> inode;
            std::getline(fields, path);
            path.erase(0, path.find_first_not_of(' '));
            const unsigned long start = std::strtoul(address.c_str(), nullptr, 16);
            const unsigned long end = std::strtoul(address.c_str() + address.find('-') + 1, nullptr, 16);
            current = &mappings[start];
            current->path = path;
            current->name = path.empty() ? "anonymous" : path.substr(path.rfind('/') + 1);
            current->perms = perms;
            current->size = static_cast<long>((end - start) / 1024);
        } else if (current) {
            auto value = [&](std::string_view key) { return std::strtol(line.c_str() + key.size(), nullptr, 10); };
            if (line.rfind("Rss:", 0) == 0)
                current->rss = value("Rss:");
            else if (line.rfind("Pss:", 0) == 0)
                current->pss = value("Pss:");
            else if (line.rfind("Anonymous:", 0) == 0)
                current->anonymous = value("Anonymous:");
        }
    }
    return mappings;
}

/// Pss of every mapping of /proc/self/smaps, summed by library_group(), KiB.
std::map<std::string, long> pss_by_group()
{
    std::map<std::string, long> groups;
    for (const auto& [start, mapping] : read_mappings())
        groups[library_group(mapping.path)] += mapping.pss;
    return groups;
}

/// What kind of memory a mapping is, for the difference between two phases: files by name (their
/// touched pages, and pages written to privately), anonymous memory by what its shape says it is —
/// executable (JIT-compiled code), glibc's per-thread arenas (64 MiB reservations on a 64 MiB
/// boundary), thread stacks (8 MiB, glibc's default, or SDL's and std::thread's), the main heap,
/// other anonymous mappings by size.
std::string mapping_class(unsigned long start, const Mapping& mapping)
{
    if (mapping.name != "anonymous") {
        if (mapping.name.front() == '[')
            return mapping.name;
        return "file " + mapping.name;
    }
    if (mapping.perms.find('x') != std::string::npos)
        return "anonymous executable (JIT code)";
    constexpr unsigned long k_arena = 64UL * 1024 * 1024;
    if (start % k_arena == 0 && mapping.size <= 64 * 1024)
        return "anonymous arena (glibc, 64 MiB reservation)";
    if (mapping.size == 8 * 1024)
        return "anonymous 8 MiB (thread stack)";
    if (mapping.size >= 64 * 1024)
        return "anonymous >= 64 MiB";
    if (mapping.size >= 8 * 1024)
        return "anonymous 8-64 MiB";
    if (mapping.size >= 1024)
        return "anonymous 1-8 MiB";
    if (mapping.size >= 128)
        return "anonymous 128 KiB-1 MiB";
    return "anonymous < 128 KiB";
}

/// PSS and anonymous pages by mapping_class(), KiB, with how many mappings.
struct ClassTotals {
    long pss = 0;
    long anonymous = 0;
    int mappings = 0;
};

std::map<std::string, ClassTotals> by_class(const std::map<unsigned long, Mapping>& mappings)
{
    std::map<std::string, ClassTotals> classes;
    for (const auto& [start, mapping] : mappings) {
        ClassTotals& totals = classes[mapping_class(start, mapping)];
        totals.pss += mapping.pss;
        totals.anonymous += mapping.anonymous;
        ++totals.mappings;
    }
    return classes;
}

/// The main heap's pages (glibc's main arena, from the start of [heap] to the program break) at one
/// reading: which are resident, and which hold part of a block in use. For --heap-walk: what sits on
/// the pages a later pass holds and the first did not.
struct HeapPages {
    std::uintptr_t start = 0;
    std::vector<unsigned char> resident;  ///< per page, from mincore
    std::vector<unsigned char> live;      ///< per page, some byte of a block in use (tcache's count as in use)
    std::vector<unsigned char> free_inside;  ///< per page, wholly inside a free chunk, past its header: what
                                             ///< malloc_trim gives back; resident only if touched since
    long live_bytes = 0;
    long chunks_in_use = 0;
    long free_chunks_small = 0;  ///< free chunks shorter than a page: malloc_trim cannot give them back
    std::string stopped;         ///< why the walk stopped early, if it did
};

constexpr std::uintptr_t k_page = 4096;

/// The [heap] mapping's start, 0 if none.
std::uintptr_t heap_start()
{
    std::ifstream maps("/proc/self/maps");
    for (std::string line; std::getline(maps, line);) {
        if (line.size() > 6 && line.compare(line.size() - 6, 6, "[heap]") == 0)
            return std::strtoul(line.c_str(), nullptr, 16);
    }
    return 0;
}

// Walks glibc's chunks in the main heap by their size fields (x86-64, glibc 2.36: a chunk is
// prev_size, size | flags, then the block; a chunk is in use when the next one's PREV_INUSE bit is
// set). Only chunk headers and blocks in use are read, so no trimmed page is touched again. Other
// threads allocate from their own arenas; the UI thread, which runs this, is between frames.
HeapPages walk_heap()
{
    HeapPages pages;
    pages.start = heap_start();
    const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
    if (pages.start == 0 || end <= pages.start)
        return pages;
    const std::size_t count = (end - pages.start + k_page - 1) / k_page;
    pages.resident.assign(count, 0);
    pages.live.assign(count, 0);
    pages.free_inside.assign(count, 0);
    if (mincore(reinterpret_cast<void*>(pages.start), count * k_page, pages.resident.data()) != 0)
        pages.resident.assign(count, 1);
    auto size_of = [](std::uintptr_t chunk) { return *reinterpret_cast<const std::size_t*>(chunk + 8); };
    std::uintptr_t chunk = pages.start;
    while (chunk + 16 < end) {
        const std::size_t size = size_of(chunk) & ~std::size_t{7};
        if (size < 32 || size % 16 != 0 || chunk + size > end) {
            pages.stopped = "a chunk of " + std::to_string(size) + " bytes at +" + std::to_string(chunk - pages.start);
            break;
        }
        const std::uintptr_t next = chunk + size;
        if (next + 16 > end)
            break;  // the top chunk
        if (size_of(next) & 1) {
            ++pages.chunks_in_use;
            pages.live_bytes += static_cast<long>(size);
            for (std::uintptr_t page = (chunk + 16 - pages.start) / k_page; page <= (next - 1 - pages.start) / k_page; ++page)
                pages.live[page] = 1;
        } else {
            if (size < k_page)
                ++pages.free_chunks_small;
            // mtrim's pages: from the first page boundary past the chunk's 48-byte header to the end
            for (std::uintptr_t page = (chunk + 48 + k_page - 1 - pages.start) / k_page; (page + 1) * k_page + pages.start <= next; ++page)
                pages.free_inside[page] = 1;
        }
        chunk = next;
    }
    return pages;
}

/// What a block in use holds, by its first word: a C++ object's vtable (named), text, a pointer into
/// the heap, or other data.
std::string block_kind(std::uintptr_t block, std::uintptr_t heap_begin, std::uintptr_t heap_end)
{
    const std::uintptr_t first = *reinterpret_cast<const std::uintptr_t*>(block);
    Dl_info info{};
    if (first > 4096 && (first < heap_begin || first >= heap_end) && dladdr(reinterpret_cast<void*>(first), &info) && info.dli_sname) {
        int status = 0;
        char* name = abi::__cxa_demangle(info.dli_sname, nullptr, nullptr, &status);
        std::string kind = status == 0 && name ? name : info.dli_sname;
        std::free(name);
        return kind;
    }
    if (first > 4096 && (first < heap_begin || first >= heap_end) && dladdr(reinterpret_cast<void*>(first), &info) && info.dli_fname)
        return std::string("pointer into ") + std::filesystem::path(info.dli_fname).filename().string();
    if (first >= heap_begin && first < heap_end)
        return "pointer into the heap";
    const auto* bytes = reinterpret_cast<const unsigned char*>(block);
    int printable = 0;
    for (int i = 0; i < 8; ++i)
        printable += (bytes[i] >= 0x20 && bytes[i] < 0x7f) || bytes[i] >= 0x80 ? 1 : 0;
    if (printable == 8)
        return "text \"" + std::string(reinterpret_cast<const char*>(bytes), 8) + "\"";
    if (first == 0)
        return "zero first word";
    return "other data";
}

// The blocks in use on heap pages resident now and not at `before`, and the pages resident now and
// not then that hold no block in use, on stderr.
void print_heap_difference(const std::string& from, const std::string& to, const HeapPages& before, const HeapPages& now)
{
    if (now.resident.empty() || before.start != now.start)
        return;
    long new_pages = 0, new_live_pages = 0, gone_pages = 0, new_free_inside = 0, free_inside_resident = 0;
    for (std::size_t page = 0; page < now.resident.size(); ++page) {
        const bool was = page < before.resident.size() && (before.resident[page] & 1);
        free_inside_resident += (now.resident[page] & 1) && now.free_inside[page] ? 1 : 0;
        if ((now.resident[page] & 1) && !was) {
            ++new_pages;
            new_live_pages += now.live[page];
            new_free_inside += now.free_inside[page];
        } else if (!(now.resident[page] & 1) && was) {
            ++gone_pages;
        }
    }
    std::fprintf(stderr,
                 "lotsen-gl-memory: heap %s -> %s: %zu -> %zu pages (%ld -> %ld resident), %ld resident now and not then "
                 "(%ld with a block in use, %ld inside free chunks), %ld the other way; %ld pages inside free chunks resident; in use %ld -> %ld KiB in %ld -> %ld chunks; "
                 "free chunks under a page %ld -> %ld%s%s\n",
                 from.c_str(), to.c_str(), before.resident.size(), now.resident.size(),
                 static_cast<long>(std::count_if(before.resident.begin(), before.resident.end(), [](unsigned char r) { return r & 1; })),
                 static_cast<long>(std::count_if(now.resident.begin(), now.resident.end(), [](unsigned char r) { return r & 1; })),
                 new_pages, new_live_pages, new_free_inside, gone_pages, free_inside_resident, before.live_bytes / 1024, now.live_bytes / 1024, before.chunks_in_use,
                 now.chunks_in_use, before.free_chunks_small, now.free_chunks_small, now.stopped.empty() ? "" : "; walk stopped at ",
                 now.stopped.c_str());
    // Blocks in use that lie (at least partly) on the new pages, by size and kind.
    const std::uintptr_t heap_end = now.start + now.resident.size() * k_page;
    std::map<std::pair<std::size_t, std::string>, std::pair<long, long>> groups;  // (size, kind) -> (count, bytes)
    std::vector<long> position(8, 0);  // new live pages by eighth of the heap
    auto size_of = [](std::uintptr_t chunk) { return *reinterpret_cast<const std::size_t*>(chunk + 8); };
    std::uintptr_t chunk = now.start;
    while (chunk + 16 < heap_end) {
        const std::size_t size = size_of(chunk) & ~std::size_t{7};
        if (size < 32 || size % 16 != 0 || chunk + size + 16 > heap_end)
            break;
        const std::uintptr_t next = chunk + size;
        if (size_of(next) & 1) {
            bool on_new = false;
            for (std::uintptr_t page = (chunk + 16 - now.start) / k_page; page <= (next - 1 - now.start) / k_page; ++page) {
                const bool was = page < before.resident.size() && (before.resident[page] & 1);
                on_new = on_new || ((now.resident[page] & 1) && !was);
            }
            if (on_new) {
                auto& group = groups[{size, block_kind(chunk + 16, now.start, heap_end)}];
                ++group.first;
                group.second += static_cast<long>(size);
                ++position[std::min<std::size_t>(7, (chunk - now.start) * 8 / (heap_end - now.start))];
            }
        }
        chunk = next;
    }
    std::vector<std::pair<std::pair<std::size_t, std::string>, std::pair<long, long>>> sorted(groups.begin(), groups.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second.second > b.second.second; });
    long total = 0, blocks = 0;
    for (const auto& entry : sorted) {
        total += entry.second.second;
        blocks += entry.second.first;
    }
    std::fprintf(stderr, "  blocks in use on those pages: %ld, %ld KiB; by eighth of the heap:", blocks, total / 1024);
    for (long n : position)
        std::fprintf(stderr, " %ld", n);
    std::fprintf(stderr, "\n");
    for (std::size_t i = 0; i < sorted.size() && i < 40; ++i)
        std::fprintf(stderr, "    %5ld x %6zu B = %6ld KiB  %s\n", sorted[i].second.first, sorted[i].first.first,
                     sorted[i].second.second / 1024, sorted[i].first.second.c_str());
}

std::string json_string(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (static_cast<unsigned char>(c) < 0x20)
            continue;
        out += c;
    }
    return out + "\"";
}

class Driver {
public:
    Driver(long inputs, std::uint64_t seed, int width, int height, long rounds, long sample_every, bool heap_walk)
        : m_inputs(inputs), m_rng(seed), m_width(width), m_height(height), m_rounds(rounds), m_sample_every(sample_every),
          m_heap_walk(heap_walk)
    {
    }

    LoopWatch watch()
    {
        LoopWatch loop;
        loop.drawn = [this](KioskApp& app, SDL_Renderer* renderer) { drawn(app, renderer); };
        loop.asleep = [this] { asleep(); };
        loop.stop = &m_stop;
        return loop;
    }

    bool finished() const { return m_stop.load(); }

    std::string json() const
    {
        std::string out = "{\"video_driver\":" + json_string(m_video_driver) + ",\"renderer\":" + json_string(m_renderer) +
                          ",\"gl_renderer\":" + json_string(m_gl_renderer) + ",\"inputs\":" + std::to_string(m_done) +
                          ",\"taps\":" + std::to_string(m_taps) + ",\"drags\":" + std::to_string(m_drags) +
                          ",\"read_aloud_taps\":" + std::to_string(m_read_aloud_taps) +
                          ",\"screens_seen\":" + std::to_string(m_screens_seen.size()) +
                          ",\"snapshot_kib\":" + std::to_string(m_snapshot_kib) + ",\"readings\":[";
        for (std::size_t i = 0; i < m_readings.size(); ++i) {
            const Reading& r = m_readings[i];
            out += (i ? "," : "") + std::string("{\"phase\":") + json_string(r.phase) + ",\"rss_kib\":" + std::to_string(r.rss) +
                   ",\"pss_kib\":" + std::to_string(r.pss) + ",\"pss_anon_kib\":" + std::to_string(r.pss_anon) +
                   ",\"pss_file_kib\":" + std::to_string(r.pss_file) +
                   ",\"private_dirty_kib\":" + std::to_string(r.private_dirty) +
                   ",\"anonymous_kib\":" + std::to_string(r.anonymous) + ",\"heap_in_use_kib\":" + std::to_string(r.heap_in_use) +
                   ",\"heap_held_kib\":" + std::to_string(r.heap_held) + ",\"sqlite_kib\":" + std::to_string(r.sqlite) +
                   ",\"imgui_allocations\":" + std::to_string(r.imgui_allocations) +
                   ",\"imgui_buffers_kib\":" + std::to_string(r.imgui_buffers) + ",\"frames\":" + std::to_string(r.frames) +
                   "}";
        }
        out += "],\"growth_by_class_kib\":[";
        for (std::size_t i = 1; i <= m_class_growths.size(); ++i) {
            out += (i > 1 ? "," : "") + std::string("{\"from\":") + json_string(m_readings[i - 1].phase) +
                   ",\"to\":" + json_string(m_readings[i].phase) + ",\"classes\":{";
            bool first_class = true;
            for (const auto& [name, delta] : m_class_growths[i - 1]) {
                out += (first_class ? "" : ",") + json_string(name) + ":{\"pss\":" + std::to_string(delta.pss) +
                       ",\"anonymous\":" + std::to_string(delta.anonymous) + ",\"mappings\":" + std::to_string(delta.mappings) + "}";
                first_class = false;
            }
            out += "}}";
        }
        out += "],\"pss_by_group_kib\":{";
        bool first = true;
        for (const auto& [group, kib] : m_groups) {
            out += (first ? "" : ",") + json_string(group) + ":" + std::to_string(kib);
            first = false;
        }
        return out + "}}";
    }

private:
    enum class Phase { starting, first_pass, inputs, later_pass, done };

    void drawn(KioskApp& app, SDL_Renderer* renderer)
    {
        ++m_frames;
        if (!m_app) {
            m_app = &app;
            app.record_targets(true);
            m_started = SDL_GetTicks64();
            SDL_RendererInfo info{};
            SDL_GetRendererInfo(renderer, &info);
            m_renderer = info.name ? info.name : "";
            m_video_driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
            // The GL context is current while the frame is drawn: ask it who rasterizes.
            using GetString = const unsigned char* (*)(unsigned int);
            if (m_renderer.rfind("opengl", 0) == 0) {
                if (auto get = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString"))) {
                    constexpr unsigned int k_gl_renderer = 0x1F01;  // GL_RENDERER
                    if (const unsigned char* name = get(k_gl_renderer))
                        m_gl_renderer = reinterpret_cast<const char*>(name);
                }
            }
        }
        m_screens_seen.insert(app.current_screen().id());
        send_next_event();
    }

    // The loop is about to sleep: the screen has settled. The next step of the script runs here.
    void asleep()
    {
        if (!m_app || !m_pending.empty()) {
            send_next_event();
            return;
        }
        switch (m_phase) {
        case Phase::starting:
            if (SDL_GetTicks64() - m_started < 2000)
                return;  // the loop wakes at least once a second and asks again
            read("start");
            m_groups = pss_by_group();
            build_pass();
            m_phase = Phase::first_pass;
            next_pass_step();
            return;
        case Phase::first_pass:
            if (!next_pass_step()) {
                read("first_pass");
                m_phase = m_inputs > 0 ? Phase::inputs : Phase::done;
                if (m_phase == Phase::done)
                    finish();
                else
                    next_input();
            }
            return;
        case Phase::inputs:
            if (m_done >= m_inputs * m_round) {
                read(m_round == 1 ? "after_inputs" : "after_inputs_" + std::to_string(m_round));
                build_pass();
                m_phase = Phase::later_pass;
                next_pass_step();
                return;
            }
            if (m_sample_every > 0 && m_done % m_sample_every == 0)
                sample();
            next_input();
            return;
        case Phase::later_pass:
            if (!next_pass_step()) {
                read(m_round == 1 ? "second_pass" : m_round == 2 ? "third_pass" : "pass_" + std::to_string(m_round + 1));
                if (m_round >= m_rounds) {
                    finish();
                    return;
                }
                ++m_round;
                m_phase = Phase::inputs;
                next_input();
            }
            return;
        case Phase::done:
            return;
        }
    }

    void read(const std::string& phase)
    {
        m_readings.push_back(read_memory(phase, m_frames));
        // Only the last phase's mappings are kept, and what changed by class: a whole snapshot is
        // some 150 KiB of the heap, and keeping every phase's (as before 2026-12-06, night) made the
        // driver's own memory grow by that at every reading, inside the kiosk's figures.
        const long before = static_cast<long>(mallinfo2().uordblks / 1024);
        std::map<unsigned long, Mapping> snapshot = read_mappings();
        m_snapshot_kib = static_cast<long>(mallinfo2().uordblks / 1024) - before;
        if (m_readings.size() >= 2) {
            print_growth(m_readings[m_readings.size() - 2].phase, phase, m_last_snapshot, snapshot);
            m_class_growths.push_back(class_growth(m_last_snapshot, snapshot));
        }
        m_last_snapshot = std::move(snapshot);
        if (m_heap_walk) {
            HeapPages heap = walk_heap();
            if (!m_first_pass_heap.resident.empty())
                print_heap_difference("first_pass", phase, m_first_pass_heap, heap);
            if (phase == "first_pass") {
                print_heap_difference(phase, phase, heap, heap);
                m_first_pass_heap = std::move(heap);
            }
        }
    }

    static std::map<std::string, ClassTotals> class_growth(const std::map<unsigned long, Mapping>& before,
                                                           const std::map<unsigned long, Mapping>& after)
    {
        std::map<std::string, ClassTotals> growth = by_class(after);
        for (const auto& [name, totals] : by_class(before)) {
            ClassTotals& delta = growth[name];
            delta.pss -= totals.pss;
            delta.anonymous -= totals.anonymous;
            delta.mappings -= totals.mappings;
        }
        std::erase_if(growth, [](const auto& entry) {
            return entry.second.pss == 0 && entry.second.anonymous == 0 && entry.second.mappings == 0;
        });
        return growth;
    }

    // What grew between two phases, by class and by the mappings that grew most, on stderr.
    static void print_growth(const std::string& from, const std::string& to, const std::map<unsigned long, Mapping>& before,
                             const std::map<unsigned long, Mapping>& after)
    {
        std::fprintf(stderr, "lotsen-gl-memory: %s -> %s, PSS by class (KiB: change, anonymous change, mappings change)\n",
                     from.c_str(), to.c_str());
        for (const auto& [name, delta] : class_growth(before, after)) {
            if (std::abs(delta.pss) >= 16 || delta.mappings != 0)
                std::fprintf(stderr, "  %+8ld %+8ld %+4d  %s\n", delta.pss, delta.anonymous, delta.mappings, name.c_str());
        }
        struct Change {
            long pss;
            unsigned long start;
            const Mapping* mapping;
        };
        std::vector<Change> changes;
        for (const auto& [start, mapping] : after) {
            const auto old = before.find(start);
            const long was = old == before.end() ? 0 : old->second.pss;  // the heap keeps its start as it grows
            if (mapping.pss != was)
                changes.push_back({mapping.pss - was, start, &mapping});
        }
        std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) { return std::abs(a.pss) > std::abs(b.pss); });
        for (std::size_t i = 0; i < changes.size() && i < 12 && std::abs(changes[i].pss) >= 64; ++i) {
            const Mapping& m = *changes[i].mapping;
            std::fprintf(stderr, "    %+8ld  %012lx %s %7ld KiB (pss %ld, anon %ld) %s%s\n", changes[i].pss, changes[i].start,
                         m.perms.c_str(), m.size, m.pss, m.anonymous, mapping_class(changes[i].start, m).c_str(),
                         before.count(changes[i].start) ? "" : " (new)");
        }
    }

    // During the inputs: PSS every m_sample_every inputs with the screen shown, to see which inputs
    // make it grow.
    void sample()
    {
        const Reading now = read_memory("sample", m_frames);
        std::fprintf(stderr, "lotsen-gl-memory: input %ld screen %s larger_text %d high_contrast %d: pss %ld anon %ld (%+ld) heap %ld imgui %ld\n",
                     m_done, m_app->current_screen().id(), m_app->session().larger_text ? 1 : 0,
                     m_app->session().high_contrast ? 1 : 0, now.pss, now.pss_anon, now.pss - m_last_sample, now.heap_in_use, now.imgui_buffers);
        m_last_sample = now.pss;
    }

    void finish()
    {
        if (std::getenv("LOTSEN_GL_MEMORY_QUICK_EXIT")) {
            std::printf("%s\n", json().c_str());
            std::fflush(stdout);
            std::_Exit(0);
        }
        m_phase = Phase::done;
        m_stop.store(true);
        wake();
    }

    // A frame is wanted: an exposed window is what handle_event redraws for.
    static void wake()
    {
        SDL_Event event{};
        event.type = SDL_WINDOWEVENT;
        event.window.event = SDL_WINDOWEVENT_EXPOSED;
        SDL_PushEvent(&event);
    }

    // Every screen in every language, each read aloud where it offers that (a tap on its button, as a
    // visitor's: espeak-ng, its voice for the language and the audio stack are loaded), then home, the
    // list and the detail in both looks (larger text, high contrast), then a fresh session: the glyphs,
    // faces, libraries and caches a day can need. (Before 2026-12-06, afternoon, the pass did not read
    // aloud, and the random inputs loaded espeak-ng between the two readings.)
    void build_pass()
    {
        m_steps.clear();
        KioskApp& app = *m_app;
        for (const std::string& screen : app.screen_ids()) {
            for (const LanguageCode& language : app.config().languages) {
                m_steps.push_back([this, screen, language] {
                    KioskApp& a = *m_app;
                    a.reset_session();
                    a.set_language(language);
                    a.show_screen(screen);
                    a.prepare_tour(unix_now(), monotonic_seconds());
                });
                m_steps.push_back([this] { tap_read_aloud(); });
            }
        }
        for (int mode = 0; mode < 4; ++mode) {
            for (const char* screen : {"home", "list", "detail"}) {
                m_steps.push_back([this, mode, screen] {
                    KioskApp& a = *m_app;
                    a.reset_session();
                    a.session().larger_text = (mode & 1) != 0;
                    a.session().high_contrast = (mode & 2) != 0;
                    a.show_screen(screen);
                    a.prepare_tour(unix_now(), monotonic_seconds());
                });
            }
        }
        m_steps.push_back([this] { m_app->reset_session(); });
    }

    // A tap on the read-aloud button of the screen the last frame drew, where it has one.
    void tap_read_aloud()
    {
        if (!m_app->current_screen().offers_read_aloud())
            return;
        for (const TapTarget& target : m_app->targets()) {
            if (target.id.find("read-aloud") == std::string::npos || target.visible_max.x - target.visible_min.x < 1.0f)
                continue;
            tap(static_cast<int>((target.visible_min.x + target.visible_max.x) / 2),
                static_cast<int>((target.visible_min.y + target.visible_max.y) / 2));
            ++m_read_aloud_taps;
            return;
        }
    }

    bool next_pass_step()
    {
        if (m_steps.empty())
            return false;
        m_steps.front()();
        m_steps.pop_front();
        wake();
        return true;
    }

    static double monotonic_seconds()
    {
        return static_cast<double>(SDL_GetPerformanceCounter()) / static_cast<double>(SDL_GetPerformanceFrequency());
    }

    // One random input, queued as SDL events and sent one per frame.
    void next_input()
    {
        ++m_done;
        const int roll = uniform(0, 99);
        if (roll < 60)
            tap_target();
        else if (roll < 85)
            drag();
        else
            tap(uniform(0, m_width - 1), uniform(0, m_height - 1));
        send_next_event();
    }

    void tap(int x, int y)
    {
        m_pending.push_back(button(SDL_MOUSEBUTTONDOWN, x, y));
        m_pending.push_back(button(SDL_MOUSEBUTTONUP, x, y));
    }

    // A finger on one of the widgets the last frame drew, where it can be seen; never admin's exit,
    // which would end the program (only the PIN pad leads there, and random taps do not enter it).
    void tap_target()
    {
        std::vector<const TapTarget*> visible;
        for (const TapTarget& target : m_app->targets()) {
            if (target.visible_max.x - target.visible_min.x >= 1.0f && target.visible_max.y - target.visible_min.y >= 1.0f &&
                target.id.find("exit") == std::string::npos)
                visible.push_back(&target);
        }
        if (visible.empty()) {
            tap(uniform(0, m_width - 1), uniform(0, m_height - 1));
            return;
        }
        const TapTarget& target = *visible[static_cast<std::size_t>(uniform(0, static_cast<int>(visible.size()) - 1))];
        tap(uniform(static_cast<int>(target.visible_min.x), static_cast<int>(target.visible_max.x) - 1),
            uniform(static_cast<int>(target.visible_min.y), static_cast<int>(target.visible_max.y) - 1));
        ++m_taps;
    }

    // A drag in a random direction: slow ones scroll, quick ones fling.
    void drag()
    {
        int x = uniform(0, m_width - 1);
        int y = uniform(0, m_height - 1);
        const int dx = uniform(-20, 20);
        const int dy = uniform(-60, 60);
        m_pending.push_back(button(SDL_MOUSEBUTTONDOWN, x, y));
        for (int i = uniform(2, 20); i > 0; --i) {
            x = std::clamp(x + dx, 0, m_width - 1);
            y = std::clamp(y + dy, 0, m_height - 1);
            SDL_Event motion{};
            motion.type = SDL_MOUSEMOTION;
            motion.motion.x = x;
            motion.motion.y = y;
            motion.motion.state = SDL_BUTTON_LMASK;
            m_pending.push_back(motion);
        }
        m_pending.push_back(button(SDL_MOUSEBUTTONUP, x, y));
        ++m_drags;
    }

    static SDL_Event button(Uint32 type, int x, int y)
    {
        SDL_Event event{};
        event.type = type;
        event.button.button = SDL_BUTTON_LEFT;
        event.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        event.button.clicks = 1;
        event.button.x = x;
        event.button.y = y;
        return event;
    }

    void send_next_event()
    {
        if (m_pending.empty())
            return;
        SDL_PushEvent(&m_pending.front());
        m_pending.pop_front();
    }

    int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, std::max(low, high))(m_rng); }

    long m_inputs;
    std::mt19937_64 m_rng;
    int m_width;
    int m_height;
    long m_rounds;
    long m_sample_every;
    bool m_heap_walk;
    HeapPages m_first_pass_heap;  ///< with --heap-walk: the main heap's pages at first_pass
    long m_round = 1;
    long m_last_sample = 0;
    std::map<unsigned long, Mapping> m_last_snapshot;  ///< the last reading's mappings
    std::vector<std::map<std::string, ClassTotals>> m_class_growths;  ///< reading i-1 to i, by class
    long m_snapshot_kib = 0;  ///< malloc's bytes the last snapshot of the mappings took
    std::atomic<bool> m_stop{false};
    KioskApp* m_app = nullptr;
    Phase m_phase = Phase::starting;
    Uint64 m_started = 0;
    long m_frames = 0;
    long m_done = 0;
    long m_taps = 0;
    long m_drags = 0;
    long m_read_aloud_taps = 0;
    std::deque<std::function<void()>> m_steps;
    std::deque<SDL_Event> m_pending;
    std::vector<Reading> m_readings;
    std::map<std::string, long> m_groups;
    std::set<std::string> m_screens_seen;
    std::string m_video_driver;
    std::string m_renderer;
    std::string m_gl_renderer;
};

int usage(const char* why)
{
    std::fprintf(stderr, "lotsen-gl-memory: %s\nusage: lotsen-gl-memory --data-dir DIR --assets-dir DIR [--size WxH] "
                         "[--inputs N] [--seed S] [--rounds R] [--sample-every N] [--heap-walk 1]\n"
                         "  --rounds R        R rounds of (N inputs, the pass again): 2 adds after_inputs_2 and third_pass\n"
                         "  --sample-every N  print PSS on stderr every N inputs, with the screen shown\n"
                         "  --heap-walk 1     at every reading after first_pass, print the blocks in use on the main heap's\n"
                         "                    pages resident then and not at first_pass, by size and kind\n", why);
    return 2;
}

}  // namespace

int main(int argc, char** argv)
{
    std::string data_dir;
    std::string assets_dir;
    int width = 800;
    int height = 480;
    long inputs = 3000;
    long seed = 1;
    long rounds = 1;
    long sample_every = 0;
    long heap_walk = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view arg = argv[i];
        const std::string_view value = argv[i + 1];
        auto number = [&](long& out) {
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
            return ec == std::errc{} && end == value.data() + value.size() && out >= 0;
        };
        if (arg == "--data-dir") {
            data_dir = value;
        } else if (arg == "--assets-dir") {
            assets_dir = value;
        } else if (arg == "--size") {
            auto size = parse_screen_size(value);
            if (!size)
                return usage(size.error().text().c_str());
            width = size.value().first;
            height = size.value().second;
        } else if (arg == "--inputs") {
            if (!number(inputs))
                return usage("--inputs needs a whole number");
        } else if (arg == "--rounds") {
            if (!number(rounds) || rounds < 1)
                return usage("--rounds needs a whole number of at least 1");
        } else if (arg == "--sample-every") {
            if (!number(sample_every))
                return usage("--sample-every needs a whole number");
        } else if (arg == "--heap-walk") {
            if (!number(heap_walk) || heap_walk > 1)
                return usage("--heap-walk needs 0 or 1");
        } else if (arg == "--seed") {
            if (!number(seed))
                return usage("--seed needs a whole number");
        } else {
            return usage(("unknown option " + std::string(arg)).c_str());
        }
    }
    if (argc % 2 == 0)
        return usage("every option takes a value");
    if (data_dir.empty() || assets_dir.empty())
        return usage("--data-dir and --assets-dir are needed");

    KioskOptions options;
    options.data_dir = data_dir;
    options.assets_dir = assets_dir;
    LocalConfig local = load_local_config(std::nullopt, data_dir);
    options.config = std::move(local.config);
    options.config_origin = std::move(local.origin);
    options.config.screen_width = width;
    options.config.screen_height = height;
    options.config.fullscreen = false;
    options.local_config = options.config;

    Driver driver(inputs, static_cast<std::uint64_t>(seed), width, height, rounds, sample_every, heap_walk == 1);
    const int status = run_windowed(options, {}, driver.watch());
    if (status != 0)
        return status;
    if (!driver.finished()) {
        std::fprintf(stderr, "lotsen-gl-memory: the kiosk's loop ended before the script did\n");
        return 1;
    }
    std::printf("%s\n", driver.json().c_str());
    return 0;
}
