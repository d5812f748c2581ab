// glyph_set_cache.cpp — the glyph set file: magic, format, the number of range values, the texts' key,
// the range values (16 bits each, as this machine holds them), and last the BLAKE2b digest of all
// that comes before it. The key includes the byte order, so another machine's file is stale.
#include "kiosk/glyph_set_cache.hpp"

#include "core/base/file.hpp"
#include "core/text/codepoint_sets.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>

namespace lotsen::kiosk {

namespace {

constexpr char k_magic[8] = {'L', 'O', 'T', 'S', 'E', 'N', 'G', 'S'};
constexpr std::uint32_t k_format = 1;
constexpr std::size_t k_digest_bytes = crypto_generichash_BYTES;  // 32
constexpr std::size_t k_header_bytes = sizeof k_magic + 4 + 4 + k_digest_bytes;
// Far above any set the kiosk gathers (a few hundred ranges), so a file claiming more is refused unread.
constexpr std::uint32_t k_max_values = 1u << 16;

using Digest = std::array<unsigned char, k_digest_bytes>;

class Hasher {
public:
    Hasher() { crypto_generichash_init(&m_state, nullptr, 0, k_digest_bytes); }
    void add(std::string_view bytes)
    {
        add_number(bytes.size());
        crypto_generichash_update(&m_state, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    }
    void add_number(std::uint64_t number)
    {
        crypto_generichash_update(&m_state, reinterpret_cast<const unsigned char*>(&number), sizeof number);
    }
    Digest digest()
    {
        Digest out{};
        crypto_generichash_final(&m_state, out.data(), out.size());
        return out;
    }

private:
    crypto_generichash_state m_state{};
};

Digest digest_of(std::string_view bytes)
{
    Digest digest{};
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                       nullptr, 0);
    return digest;
}

// The key of `texts`: what glyph_ranges_for depends on besides them is the program (its shaping rules,
// the base ranges, the keyboard) and FriBidi, so a rebuilt or updated program or FriBidi never reads
// a set gathered by another. Nothing when the program cannot be looked at (the set is then not kept).
std::optional<Digest> key_of(const std::vector<std::string_view>& texts)
{
    struct stat program {};
    if (::stat("/proc/self/exe", &program) != 0)
        return std::nullopt;
    Hasher hasher;
    hasher.add("lotsen glyph set");
    for (const auto number : {std::uint64_t{k_format}, std::uint64_t{std::endian::native == std::endian::little ? 1u : 2u},
                              static_cast<std::uint64_t>(sizeof(GlyphRanges::value_type)),
                              static_cast<std::uint64_t>(program.st_dev), static_cast<std::uint64_t>(program.st_ino),
                              static_cast<std::uint64_t>(program.st_size), static_cast<std::uint64_t>(program.st_mtim.tv_sec),
                              static_cast<std::uint64_t>(program.st_mtim.tv_nsec), static_cast<std::uint64_t>(program.st_ctim.tv_sec),
                              static_cast<std::uint64_t>(program.st_ctim.tv_nsec)})
        hasher.add_number(number);
    hasher.add(codepoint_shaping_version());
    hasher.add_number(texts.size());
    for (std::string_view text : texts)
        hasher.add(text);
    return hasher.digest();
}

// The file's whole contents; nothing when it is missing (`missing` set) or cannot be read.
std::optional<std::string> read_file(const std::string& path, bool& missing, std::string& problem)
{
    missing = false;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        missing = errno == ENOENT;
        problem = path + ": cannot open: " + errno_text();
        return std::nullopt;
    }
    std::string bytes;
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            problem = path + ": cannot read: " + errno_text();
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0)
            break;
        bytes.append(buffer, static_cast<std::size_t>(n));
        if (bytes.size() > k_header_bytes + 2 * std::size_t{k_max_values} + k_digest_bytes)
            break;  // longer than any set: refused below without reading on
    }
    ::close(fd);
    return bytes;
}

// Ranges as ImGui reads them: pairs of first and last code point (neither 0, first ≤ last), then 0.
bool well_formed(const GlyphRanges& ranges)
{
    if (ranges.empty() || ranges.size() % 2 != 1 || ranges.back() != 0)
        return false;
    for (std::size_t i = 0; i + 1 < ranges.size(); i += 2) {
        if (ranges[i] == 0 || ranges[i] > ranges[i + 1])
            return false;
    }
    return true;
}

// The set in `path` when it was written for `key`; otherwise nothing, and `problem` says why when the
// file was there but unusable for another reason than being made for other texts.
std::optional<GlyphRanges> restore(const std::string& path, const Digest& key, std::string& problem)
{
    bool missing = false;
    const std::optional<std::string> file = read_file(path, missing, problem);
    if (!file) {
        if (missing)
            problem.clear();
        return std::nullopt;
    }
    if (file->size() < k_header_bytes + k_digest_bytes || std::memcmp(file->data(), k_magic, sizeof k_magic) != 0) {
        problem = path + ": not a glyph set file (" + std::to_string(file->size()) + " bytes, no LOTSENGS header)";
        return std::nullopt;
    }
    std::uint32_t format = 0;
    std::uint32_t values = 0;
    std::memcpy(&format, file->data() + sizeof k_magic, sizeof format);
    std::memcpy(&values, file->data() + sizeof k_magic + 4, sizeof values);
    if (format != k_format || std::memcmp(file->data() + sizeof k_magic + 8, key.data(), key.size()) != 0)
        return std::nullopt;  // made for other texts or by another program: gathered anew, nothing to report
    const std::size_t expected = k_header_bytes + 2 * std::size_t{values} + k_digest_bytes;
    if (values > k_max_values || file->size() != expected) {
        problem = path + ": holds " + std::to_string(file->size()) + " bytes, its header says " +
                  (values > k_max_values ? "more than any set" : std::to_string(expected));
        return std::nullopt;
    }
    const std::string_view body(file->data(), expected - k_digest_bytes);
    const Digest digest = digest_of(body);
    if (std::memcmp(digest.data(), file->data() + body.size(), digest.size()) != 0) {
        problem = path + ": its contents do not match their digest";
        return std::nullopt;
    }
    GlyphRanges ranges(values);
    std::memcpy(ranges.data(), file->data() + k_header_bytes, 2 * std::size_t{values});
    if (!well_formed(ranges)) {
        problem = path + ": its ranges do not hold together";
        return std::nullopt;
    }
    return ranges;
}

Result<void> save(const std::string& path, const Digest& key, const GlyphRanges& ranges)
{
    std::string bytes(k_magic, sizeof k_magic);
    const std::uint32_t values = static_cast<std::uint32_t>(ranges.size());
    bytes.append(reinterpret_cast<const char*>(&k_format), sizeof k_format);
    bytes.append(reinterpret_cast<const char*>(&values), sizeof values);
    bytes.append(reinterpret_cast<const char*>(key.data()), key.size());
    bytes.append(reinterpret_cast<const char*>(ranges.data()), 2 * ranges.size());
    const Digest digest = digest_of(bytes);
    bytes.append(reinterpret_cast<const char*>(digest.data()), digest.size());
    std::error_code ec;
    std::filesystem::create_directories(parent_of(path), ec);
    if (ec)
        return Error{parent_of(path) + ": cannot create the folder: " + ec.message()};
    return write_file_atomically(path, bytes, 0644);
}

}  // namespace

std::string glyph_set_cache_path(const std::string& cache_dir)
{
    return cache_dir + "/glyph-set.bin";
}

GlyphSet glyph_set_for(const std::vector<std::string_view>& texts, const std::string& cache_path)
{
    GlyphSet set;
    const std::optional<Digest> key = cache_path.empty() ? std::nullopt : key_of(texts);
    std::string problem;
    if (key) {
        if (std::optional<GlyphRanges> restored = restore(cache_path, *key, problem)) {
            set.ranges = std::move(*restored);
            set.source = GlyphSet::Source::restored;
            return set;
        }
    }
    set.ranges = glyph_ranges_for(texts);
    if (!key)
        return set;
    if (!problem.empty())
        set.message = problem + "; the glyph set was gathered anew";
    if (auto saved = save(cache_path, *key, set.ranges); !saved)
        set.message += (set.message.empty() ? "" : "; ") + ("the glyph set is not kept: " + saved.error().text());
    else if (!problem.empty())
        set.message += " and replaces it";
    return set;
}

}  // namespace lotsen::kiosk
