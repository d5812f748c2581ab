// start_cache_file.cpp — see start_cache_file.hpp. Numbers are written as this machine holds them; the
// key includes the byte order, so another machine's file is stale, never misread.
#include "kiosk/start_cache_file.hpp"

#include "core/base/file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace lotsen::kiosk {

namespace {

constexpr std::uint32_t k_format = 1;
constexpr std::size_t k_magic_bytes = 8;
constexpr std::size_t k_digest_bytes = crypto_generichash_BYTES;  // 32
constexpr std::size_t k_header_bytes = k_magic_bytes + 4 + 4 + k_digest_bytes + 8;
// Far above what the kiosk keeps (the string tables are some 100 kB): a longer file is not read on.
constexpr std::size_t k_max_contents = 16u << 20;

static_assert(StartCacheKey().size() == k_digest_bytes);

StartCacheKey digest_of(std::string_view bytes)
{
    StartCacheKey digest{};
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                       nullptr, 0);
    return digest;
}

StartCacheRead damaged(const std::string& path, const std::string& what)
{
    return StartCacheRead{StartCacheRead::Kind::damaged, {}, path + ": " + what};
}

}  // namespace

StartCacheInputs::StartCacheInputs()
{
    add(std::uint64_t{k_format});
    add(std::uint64_t{std::endian::native == std::endian::little ? 1u : 2u});
}

void StartCacheInputs::add(std::string_view text)
{
    add(static_cast<std::uint64_t>(text.size()));
    m_bytes.append(text);
}

void StartCacheInputs::add(std::uint64_t number)
{
    m_bytes.append(reinterpret_cast<const char*>(&number), sizeof number);
}

std::optional<StartCacheKey> StartCacheInputs::key() const
{
    const std::optional<std::string> program = file_identity("/proc/self/exe");
    if (!program)
        return std::nullopt;
    std::string all = m_bytes;
    all.append(*program);
    return digest_of(all);
}

StartCacheRead read_start_cache(const std::string& path, std::string_view magic, const StartCacheKey& key)
{
    bool missing = false;
    // Longer than anything kept is refused below without reading on.
    auto read = read_whole_file(path, missing, k_header_bytes + k_max_contents + k_digest_bytes);
    if (!read)
        return missing ? StartCacheRead{} : StartCacheRead{StartCacheRead::Kind::damaged, {}, read.error().text()};
    const std::string file = std::move(read.value());
    if (file.size() < k_header_bytes + k_digest_bytes || file.compare(0, k_magic_bytes, magic) != 0) {
        return damaged(path, "not a cache file of this kind (" + std::to_string(file.size()) + " bytes, no " +
                                 std::string(magic) + " header)");
    }
    std::uint32_t format = 0;
    std::uint64_t size = 0;
    std::memcpy(&format, file.data() + k_magic_bytes, sizeof format);
    std::memcpy(&size, file.data() + k_magic_bytes + 8 + k_digest_bytes, sizeof size);
    if (format != k_format || std::memcmp(file.data() + k_magic_bytes + 8, key.data(), key.size()) != 0)
        return StartCacheRead{StartCacheRead::Kind::stale, {}, {}};
    const std::size_t whole = file.size();
    if (size > k_max_contents || whole != k_header_bytes + size + k_digest_bytes) {
        return damaged(path, "holds " + std::to_string(whole) + " bytes, its header says " +
                                 (size > k_max_contents ? std::string("more than any cache file")
                                                        : std::to_string(k_header_bytes + size + k_digest_bytes)));
    }
    const StartCacheKey digest = digest_of(std::string_view(file).substr(0, whole - k_digest_bytes));
    if (std::memcmp(digest.data(), file.data() + whole - k_digest_bytes, digest.size()) != 0)
        return damaged(path, "its contents do not match their digest");
    return StartCacheRead{StartCacheRead::Kind::contents, file.substr(k_header_bytes, size), {}};
}

Result<void> write_start_cache(const std::string& path, std::string_view magic, const StartCacheKey& key,
                               std::string_view contents)
{
    if (magic.size() != k_magic_bytes)
        return Error{path + ": a cache file's magic is " + std::to_string(k_magic_bytes) + " characters"};
    std::string bytes(magic);
    const std::uint32_t reserved = 0;
    const std::uint64_t size = contents.size();
    bytes.append(reinterpret_cast<const char*>(&k_format), sizeof k_format);
    bytes.append(reinterpret_cast<const char*>(&reserved), sizeof reserved);
    bytes.append(reinterpret_cast<const char*>(key.data()), key.size());
    bytes.append(reinterpret_cast<const char*>(&size), sizeof size);
    bytes.append(contents);
    const StartCacheKey digest = digest_of(bytes);
    bytes.append(reinterpret_cast<const char*>(digest.data()), digest.size());
    std::error_code ec;
    std::filesystem::create_directories(parent_of(path), ec);
    if (ec)
        return Error{parent_of(path) + ": cannot create the folder: " + ec.message()};
    return write_file_atomically(path, bytes, 0644);
}

}  // namespace lotsen::kiosk
