// release_bundle.cpp — reads release bundles (see release_bundle.hpp) with zlib and a tar reader of its
// own, so that every rule about what may come out of an archive lives here, in one place we test:
//
// - The archive is streamed: gzip is inflated 64 KiB at a time and the tar stream is read block by
//   block, so a 500 MiB bundle needs no more memory than a small one. The gzip trailer (CRC-32 and
//   length) is checked, so a corrupted or truncated download is refused even where tar would not notice.
// - Formats: ustar (with its 155-byte prefix), pax extended headers ('x': path, linkpath and size;
//   global 'g' headers are read and ignored) and GNU long names ('L', 'K'), which is what GNU tar and
//   bsdtar write. Every header's checksum is verified.
// - Members: regular files, directories and symbolic links only. Hard links are refused, all of them:
//   a release never needs one (the bundle script makes none), and refusing them is simpler to get right
//   than checking where each one leads. Devices, FIFOs, sparse files and anything unknown are refused.
// - Paths are relative, without "..", without control characters, at most 4096 bytes. "./" and empty
//   components are dropped, so "./bin/lotsen" is "bin/lotsen". A member may not appear twice, nor lie
//   under a member that is a file or a link (so nothing is ever written through a link).
// - A link's target is resolved inside the archive's own tree, following the archive's other links the
//   way the kernel would ("x -> ." then "y -> x/.." would escape although "x/.." looks harmless), and
//   must not leave it. Links are therefore checked and created after all other members are known.
// - Limits: 512 MiB of file content, 100,000 members.
//
// unpack writes into a directory it creates, with modes 0755 (anything executable) or 0644 and
// never set-uid, fsyncs every file and directory, and removes everything it wrote on any error.
#include "core/release/release_bundle.hpp"

#include "core/base/file.hpp"

#include <zlib.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace lotsen::release_bundle {

namespace {

constexpr std::size_t k_block = 512;
constexpr std::uint64_t k_max_total_bytes = 512ull << 20;
constexpr std::int64_t k_max_members = 100000;
constexpr std::size_t k_max_path_bytes = 4096;
constexpr std::size_t k_max_component_bytes = 255;
constexpr std::uint64_t k_max_pax_bytes = 64 << 10;
constexpr std::uint64_t k_max_release_file_bytes = 4096;
constexpr std::size_t k_max_name_bytes = 64;
constexpr int k_max_link_hops = 40;  // as the kernel's ELOOP limit

// A member name as it may appear in a message: control bytes escaped, very long names shortened, so a
// hostile archive cannot forge log lines.
std::string printable(std::string_view name)
{
    std::string out;
    for (const char c : name.substr(0, 300)) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F || c == '\\') {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    if (name.size() > 300)
        out += "…";
    return out;
}

std::string member_error(std::string_view name, std::string_view what)
{
    return "bundle member '" + printable(name) + "': " + std::string(what);
}

// The gzip layer: inflate from a file, 64 KiB at a time.
class GzipReader {
public:
    ~GzipReader()
    {
        if (m_inflating)
            inflateEnd(&m_stream);
        if (m_file)
            std::fclose(m_file);
    }

    Result<void> open(const std::string& path)
    {
        m_file = std::fopen(path.c_str(), "rbe");
        if (!m_file)
            return Error{"cannot open: " + errno_text()};
        // 15 + 16: gzip framing only; a plain tar or a zlib stream is not a bundle.
        if (inflateInit2(&m_stream, 15 + 16) != Z_OK)
            return Error{"zlib could not start (out of memory?)"};
        m_inflating = true;
        return success();
    }

    // Fills `out` completely; an archive that ends first is truncated.
    Result<void> read_exact(unsigned char* out, std::size_t size)
    {
        std::size_t got = 0;
        while (got < size) {
            auto n = LOTSEN_TRY(read_some(out + got, size - got));
            if (n == 0)
                return Error{"the archive is truncated (it ends in the middle of a member)"};
            got += n;
        }
        return success();
    }

    // Up to `size` bytes; 0 only at the end of the gzip stream (whose CRC and length were checked).
    Result<std::size_t> read_some(unsigned char* out, std::size_t size)
    {
        if (m_ended)
            return std::size_t{0};
        m_stream.next_out = out;
        m_stream.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
        while (m_stream.avail_out == static_cast<uInt>(std::min<std::size_t>(size, 1u << 30))) {
            if (m_stream.avail_in == 0) {
                const std::size_t n = std::fread(m_input.data(), 1, m_input.size(), m_file);
                if (n == 0) {
                    if (std::ferror(m_file))
                        return Error{"cannot read the archive: " + errno_text()};
                    return Error{"the gzip stream is truncated"};
                }
                m_stream.next_in = m_input.data();
                m_stream.avail_in = static_cast<uInt>(n);
            }
            const int rc = inflate(&m_stream, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                m_ended = true;
                if (m_stream.avail_in != 0 || std::fgetc(m_file) != EOF)
                    return Error{"there are bytes after the end of the gzip stream"};
                break;
            }
            if (rc != Z_OK)
                return Error{std::string("the gzip stream is corrupt (") + (m_stream.msg ? m_stream.msg : "zlib error") + ")"};
        }
        return static_cast<std::size_t>(m_stream.next_out - out);
    }

    // Skips `size` bytes of content.
    Result<void> skip(std::uint64_t size)
    {
        std::array<unsigned char, 16384> scratch{};
        while (size > 0) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(size, scratch.size()));
            LOTSEN_TRY(read_exact(scratch.data(), n));
            size -= n;
        }
        return success();
    }

private:
    std::FILE* m_file = nullptr;
    z_stream m_stream{};
    bool m_inflating = false;
    bool m_ended = false;
    std::array<unsigned char, 64 << 10> m_input{};
};

// A field of a ustar header: NUL-terminated or filling its width.
std::string field(const unsigned char* header, std::size_t offset, std::size_t width)
{
    const char* begin = reinterpret_cast<const char*>(header + offset);
    return std::string(begin, strnlen(begin, width));
}

// An octal number field (leading spaces, digits, then NUL or space). Base-256 (GNU's large numbers) is
// refused: nothing in a bundle needs a size beyond 8 GiB.
std::optional<std::uint64_t> octal(const unsigned char* header, std::size_t offset, std::size_t width)
{
    std::size_t i = 0;
    while (i < width && header[offset + i] == ' ')
        ++i;
    std::uint64_t value = 0;
    bool digits = false;
    for (; i < width; ++i) {
        const unsigned char c = header[offset + i];
        if (c >= '0' && c <= '7') {
            if (value > (std::uint64_t{1} << 60))
                return std::nullopt;
            value = value * 8 + (c - '0');
            digits = true;
        } else if (c == 0 || c == ' ') {
            break;
        } else {
            return std::nullopt;
        }
    }
    for (; i < width; ++i) {
        if (header[offset + i] != 0 && header[offset + i] != ' ')
            return std::nullopt;
    }
    return digits ? std::optional(value) : std::nullopt;
}

bool checksum_matches(const unsigned char* header)
{
    const std::optional<std::uint64_t> stored = octal(header, 148, 8);
    if (!stored)
        return false;
    std::uint64_t unsigned_sum = 0;
    std::int64_t signed_sum = 0;  // some old tars summed signed chars; accept either, as GNU tar does
    for (std::size_t i = 0; i < k_block; ++i) {
        const unsigned char c = (i >= 148 && i < 156) ? ' ' : header[i];
        unsigned_sum += c;
        signed_sum += static_cast<signed char>(c);
    }
    return *stored == unsigned_sum || static_cast<std::int64_t>(*stored) == signed_sum;
}

// Splits a member path into components; "" and "." are dropped. Fails with the reason.
Result<std::vector<std::string>> split_member_path(std::string_view path)
{
    if (path.empty())
        return Error{"an empty name is not allowed"};
    if (path.size() > k_max_path_bytes)
        return Error{"the name is longer than 4096 bytes"};
    if (path.front() == '/')
        return Error{"an absolute path is not allowed"};
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F)
            return Error{"a control character in a name is not allowed"};
    }
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = std::min(path.find('/', start), path.size());
        const std::string_view part = path.substr(start, slash - start);
        if (part == "..")
            return Error{"a '..' component is not allowed"};
        if (part.size() > k_max_component_bytes)
            return Error{"a component is longer than 255 bytes"};
        if (!part.empty() && part != ".")
            parts.emplace_back(part);
        start = slash + 1;
    }
    return parts;
}

std::string join(const std::vector<std::string>& parts, std::size_t count)
{
    std::string out;
    for (std::size_t i = 0; i < count && i < parts.size(); ++i) {
        if (i)
            out += '/';
        out += parts[i];
    }
    return out;
}

enum class MemberType { file, directory, symlink };

// The pax records ("LEN key=value\n") we act on; the rest (times, owners) are ignored.
struct PaxOverrides {
    std::optional<std::string> path;
    std::optional<std::string> linkpath;
    std::optional<std::uint64_t> size;
};

Result<PaxOverrides> parse_pax(std::string_view data)
{
    PaxOverrides out;
    while (!data.empty()) {
        const std::size_t space = data.find(' ');
        if (space == std::string_view::npos || space == 0 || space > 20)
            return Error{"a malformed pax extended header"};
        std::uint64_t length = 0;
        for (const char c : data.substr(0, space)) {
            if (c < '0' || c > '9')
                return Error{"a malformed pax extended header"};
            length = length * 10 + static_cast<std::uint64_t>(c - '0');
        }
        if (length <= space + 1 || length > data.size() || data[length - 1] != '\n')
            return Error{"a malformed pax extended header"};
        const std::string_view record = data.substr(space + 1, length - space - 2);
        const std::size_t equals = record.find('=');
        if (equals == std::string_view::npos)
            return Error{"a malformed pax extended header"};
        const std::string_view key = record.substr(0, equals);
        const std::string_view value = record.substr(equals + 1);
        if (key == "path") {
            out.path = std::string(value);
        } else if (key == "linkpath") {
            out.linkpath = std::string(value);
        } else if (key == "size") {
            std::uint64_t size = 0;
            if (value.empty() || value.size() > 18 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return Error{"a pax size that is not a number"};
            for (const char c : value)
                size = size * 10 + static_cast<std::uint64_t>(c - '0');
            out.size = size;
        } else if (key.starts_with("GNU.sparse")) {
            return Error{"sparse files are not allowed"};
        }
        data.remove_prefix(length);
    }
    return out;
}

// Where unpack writes; inspect has none.
class Writer {
public:
    explicit Writer(std::string root) : m_root(std::move(root)) {}

    Result<void> create_root()
    {
        if (::mkdir(m_root.c_str(), 0755) != 0)
            return Error{m_root + ": cannot create the release directory: " + errno_text()};
        m_created = true;
        m_directories.insert("");
        return success();
    }

    // Directories on the way to `parts` (all but the last component unless `include_last`).
    Result<void> make_directories(const std::vector<std::string>& parts, bool include_last)
    {
        const std::size_t count = include_last ? parts.size() : parts.size() - 1;
        for (std::size_t i = 1; i <= count; ++i) {
            const std::string relative = join(parts, i);
            if (m_directories.contains(relative))
                continue;
            const std::string path = m_root + "/" + relative;
            if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST)
                return Error{"cannot create directory " + path + ": " + errno_text()};
            m_directories.insert(relative);
        }
        return success();
    }

    Result<int> open_file(const std::string& relative)
    {
        const std::string path = m_root + "/" + relative;
        // O_EXCL and O_NOFOLLOW: the file is new, and never reached through a link.
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0)
            return Error{"cannot create " + path + ": " + errno_text()};
        return fd;
    }

    Result<void> make_symlink(const std::string& relative, const std::string& target)
    {
        const std::string path = m_root + "/" + relative;
        if (::symlink(target.c_str(), path.c_str()) != 0)
            return Error{"cannot create link " + path + ": " + errno_text()};
        return success();
    }

    // Makes the directory entries durable, deepest first, then the directory holding the root.
    Result<void> sync_directories()
    {
        std::vector<std::string> all(m_directories.begin(), m_directories.end());
        std::sort(all.begin(), all.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
        for (const std::string& relative : all) {
            const std::string path = relative.empty() ? m_root : m_root + "/" + relative;
            LOTSEN_TRY(fsync_directory(path));
        }
        const std::string parent = std::filesystem::path(m_root).parent_path().string();
        return fsync_directory(parent.empty() ? "." : parent);
    }

    void commit() { m_created = false; }

    ~Writer()
    {
        if (m_created) {
            std::error_code ignored;
            std::filesystem::remove_all(m_root, ignored);
        }
    }

private:
    std::string m_root;
    bool m_created = false;
    std::set<std::string> m_directories;  ///< relative paths already made ("" = the root)
};

struct Member {
    MemberType type = MemberType::file;
    bool executable = false;
    std::string link_target;  ///< symlinks
};

// Resolves `target` of the link at `link_parts` the way the kernel would, inside the archive's tree
// (`members`, with implicit directories); fails when it leaves the tree.
Result<void> check_link_stays_inside(const std::vector<std::string>& link_parts, const std::string& target,
                                     const std::map<std::string, Member>& members)
{
    if (target.empty())
        return Error{"a link with an empty target is not allowed"};
    if (target.front() == '/')
        return Error{"a link to an absolute path ('" + printable(target) + "') is not allowed"};
    std::vector<std::string> position(link_parts.begin(), link_parts.end() - 1);
    // Components still to walk, front first (kept reversed so expanding a link is a push_back).
    std::vector<std::string> pending;
    auto push_target = [&](const std::string& text) {
        std::vector<std::string> parts;
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t slash = std::min(text.find('/', start), text.size());
            parts.emplace_back(text.substr(start, slash - start));
            start = slash + 1;
        }
        pending.insert(pending.end(), parts.rbegin(), parts.rend());
    };
    push_target(target);
    int hops = 0;
    while (!pending.empty()) {
        const std::string part = std::move(pending.back());
        pending.pop_back();
        if (part.empty() || part == ".")
            continue;
        if (part == "..") {
            if (position.empty())
                return Error{"the link target '" + printable(target) + "' leads outside the release"};
            position.pop_back();
            continue;
        }
        position.push_back(part);
        const auto it = members.find(join(position, position.size()));
        if (it == members.end() || it->second.type != MemberType::symlink)
            continue;
        if (++hops > k_max_link_hops)
            return Error{"the link target '" + printable(target) + "' goes through too many links"};
        position.pop_back();
        const std::string& next = it->second.link_target;
        if (next.empty() || next.front() == '/')
            return Error{"the link target '" + printable(target) + "' leads outside the release"};
        push_target(next);
    }
    return success();
}

bool valid_release_name(std::string_view name)
{
    if (name.empty() || name.size() > k_max_name_bytes || name.front() == ' ' || name.back() == ' ')
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

// Reads the whole archive, checking every member; with a writer, unpacks as it goes.
Result<BundleInfo> read_bundle(const std::string& path, Writer* writer)
{
    GzipReader gzip;
    if (auto opened = gzip.open(path); !opened)
        return Error{path + ": " + opened.error().text()};
    auto fail = [&](const std::string& message) { return Error{path + ": " + message}; };

    BundleInfo info;
    std::map<std::string, Member> members;  // every path in the tree, implicit directories included
    std::vector<std::pair<std::vector<std::string>, std::string>> links;  // created last
    std::optional<std::string> release_text;
    std::int64_t count = 0;
    PaxOverrides pax;
    std::optional<std::string> gnu_long_name;
    std::optional<std::string> gnu_long_link;
    std::array<unsigned char, k_block> header{};
    std::vector<unsigned char> buffer(64 << 10);

    while (true) {
        if (auto read = gzip.read_exact(header.data(), k_block); !read)
            return fail(read.error().text());
        if (std::all_of(header.begin(), header.end(), [](unsigned char c) { return c == 0; })) {
            // End of archive: one zero block, then (GNU) another and padding to the record size. What
            // follows must be zeros too, and reading to the end checks the gzip CRC.
            while (true) {
                auto n = gzip.read_some(buffer.data(), buffer.size());
                if (!n)
                    return fail(n.error().text());
                if (n.value() == 0)
                    break;
                if (!std::all_of(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n.value()),
                                 [](unsigned char c) { return c == 0; }))
                    return fail("there is data after the end-of-archive marker");
            }
            break;
        }
        const std::string raw_name = field(header.data(), 0, 100);
        const std::string shown_name = pax.path.value_or(gnu_long_name.value_or(raw_name));
        if (!checksum_matches(header.data()))
            return fail(member_error(shown_name, "the header checksum is wrong (the archive is damaged)"));
        if (++count > k_max_members)
            return fail("more than 100000 members");
        const std::optional<std::uint64_t> header_size = octal(header.data(), 124, 12);
        if (!header_size)
            return fail(member_error(shown_name, "the size field is not an octal number"));
        const char type = static_cast<char>(header[156]);

        // Headers that describe the next member.
        if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
            const std::uint64_t limit = (type == 'x' || type == 'g') ? k_max_pax_bytes : k_max_path_bytes + 1;
            if (*header_size > limit)
                return fail(member_error(shown_name, "an extended header larger than " + std::to_string(limit) + " bytes"));
            std::string data(static_cast<std::size_t>(*header_size), '\0');
            if (auto read = gzip.read_exact(reinterpret_cast<unsigned char*>(data.data()), data.size()); !read)
                return fail(member_error(shown_name, read.error().text()));
            if (auto skip = gzip.skip((k_block - *header_size % k_block) % k_block); !skip)
                return fail(member_error(shown_name, skip.error().text()));
            if (type == 'x') {
                auto parsed = parse_pax(data);
                if (!parsed)
                    return fail(member_error(shown_name, parsed.error().text()));
                pax = std::move(parsed.value());
            } else if (type == 'L') {
                gnu_long_name = std::string(data.c_str());  // NUL-terminated within its content
            } else if (type == 'K') {
                gnu_long_link = std::string(data.c_str());
            }
            // 'g': global pax records (GNU tar never writes them; git archive writes a comment) are ignored.
            continue;
        }

        std::string name = raw_name;
        const std::string magic = field(header.data(), 257, 6);
        if (magic == "ustar") {  // POSIX ustar: the name may continue in the prefix field
            const std::string prefix = field(header.data(), 345, 155);
            if (!prefix.empty())
                name = prefix + "/" + name;
        }
        if (gnu_long_name)
            name = *gnu_long_name;
        if (pax.path)
            name = *pax.path;
        std::string link_target = field(header.data(), 157, 100);
        if (gnu_long_link)
            link_target = *gnu_long_link;
        if (pax.linkpath)
            link_target = *pax.linkpath;
        const std::uint64_t size = pax.size.value_or(*header_size);
        const std::optional<std::uint64_t> mode = octal(header.data(), 100, 8);
        pax = {};
        gnu_long_name.reset();
        gnu_long_link.reset();

        auto parts_or = split_member_path(name);
        if (!parts_or)
            return fail(member_error(name, parts_or.error().text()));
        std::vector<std::string> parts = std::move(parts_or.value());

        MemberType member_type = MemberType::file;
        switch (type) {
        case '0': case '\0': case '7': member_type = MemberType::file; break;
        case '5': member_type = MemberType::directory; break;
        case '2': member_type = MemberType::symlink; break;
        case '1': return fail(member_error(name, "hard links are not allowed in a release"));
        case '3': case '4': return fail(member_error(name, "device files are not allowed"));
        case '6': return fail(member_error(name, "FIFOs are not allowed"));
        default:
            return fail(member_error(name, std::string("member type '") + printable(std::string(1, type)) + "' is not allowed"));
        }
        if (!mode)
            return fail(member_error(name, "the mode field is not an octal number"));
        if (parts.empty()) {
            if (member_type != MemberType::directory)
                return fail(member_error(name, "only a directory may name the release's top"));
            if (size != 0)
                return fail(member_error(name, "a directory with content"));
            continue;  // "./": the release directory itself
        }
        const std::string relative = join(parts, parts.size());
        if (member_type != MemberType::file && size != 0)
            return fail(member_error(name, "a directory or link with content"));

        // Nothing may lie beneath a file or a link, and no member may appear twice.
        for (std::size_t i = 1; i < parts.size(); ++i) {
            const auto it = members.find(join(parts, i));
            if (it != members.end() && it->second.type != MemberType::directory)
                return fail(member_error(name, "lies beneath '" + printable(join(parts, i)) + "', which is not a directory"));
        }
        if (const auto it = members.find(relative); it != members.end()) {
            // A directory named after its contents were listed (as bsdtar may order them) is the same one.
            if (!(member_type == MemberType::directory && it->second.type == MemberType::directory))
                return fail(member_error(name, "appears twice in the archive"));
        }
        for (std::size_t i = 1; i < parts.size(); ++i)
            members.try_emplace(join(parts, i), Member{MemberType::directory, true, {}});

        Member member{member_type, (*mode & 0111) != 0, {}};
        if (member_type == MemberType::file) {
            if (info.bytes + size > k_max_total_bytes)
                return fail(member_error(name, "the release would be larger than 512 MiB unpacked"));
            info.bytes += size;
            ++info.files;
            const bool is_release_file = relative == "RELEASE";
            if (is_release_file && size > k_max_release_file_bytes)
                return fail(member_error(name, "RELEASE is larger than 4096 bytes"));
            int fd = -1;
            if (writer) {
                if (auto made = writer->make_directories(parts, false); !made)
                    return fail(member_error(name, made.error().text()));
                auto opened = writer->open_file(relative);
                if (!opened)
                    return fail(member_error(name, opened.error().text()));
                fd = opened.value();
            }
            std::string release_content;
            std::uint64_t left = size;
            Result<void> copied = success();
            while (left > 0 && copied.ok()) {
                const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
                copied = gzip.read_exact(buffer.data(), n);
                if (!copied.ok())
                    break;
                if (is_release_file)
                    release_content.append(reinterpret_cast<const char*>(buffer.data()), n);
                for (std::size_t written = 0; fd >= 0 && written < n;) {
                    const ssize_t w = ::write(fd, buffer.data() + written, n - written);
                    if (w < 0 && errno == EINTR)
                        continue;
                    if (w <= 0) {
                        copied = Error{"cannot write: " + errno_text()};
                        break;
                    }
                    written += static_cast<std::size_t>(w);
                }
                left -= n;
            }
            if (fd >= 0 && copied.ok()) {
                // Executable or not; never set-uid, set-gid or sticky, whatever the archive says.
                if (::fchmod(fd, member.executable ? 0755 : 0644) != 0 || ::fsync(fd) != 0)
                    copied = Error{"cannot finish writing: " + errno_text()};
            }
            if (fd >= 0 && ::close(fd) != 0 && copied.ok())
                copied = Error{"cannot finish writing: " + errno_text()};
            if (!copied)
                return fail(member_error(name, copied.error().text()));
            if (is_release_file)
                release_text = std::move(release_content);
        } else if (member_type == MemberType::directory) {
            if (writer) {
                if (auto made = writer->make_directories(parts, true); !made)
                    return fail(member_error(name, made.error().text()));
            }
        } else {
            member.link_target = link_target;
            links.emplace_back(parts, link_target);
        }
        if (auto skip = gzip.skip((k_block - size % k_block) % k_block); !skip)
            return fail(member_error(name, skip.error().text()));
        members[relative] = std::move(member);
    }

    // Links, now that the whole tree is known: each must stay inside it.
    for (const auto& [parts, target] : links) {
        const std::string relative = join(parts, parts.size());
        if (auto inside = check_link_stays_inside(parts, target, members); !inside)
            return fail(member_error(relative, inside.error().text()));
    }

    const auto release = members.find("RELEASE");
    if (release == members.end() || release->second.type != MemberType::file || !release_text)
        return fail("the bundle has no RELEASE file at its top (its first line names the release)");
    const std::string first_line = release_text->substr(0, release_text->find('\n'));
    if (!valid_release_name(first_line))
        return fail(member_error("RELEASE", "its first line must name the release: 1 to 64 printable ASCII characters"));
    info.name = first_line;
    const auto program = members.find("bin/lotsen");
    if (program == members.end() || program->second.type != MemberType::file)
        return fail("the bundle has no program bin/lotsen (a regular file)");
    if (!program->second.executable)
        return fail(member_error("bin/lotsen", "is not executable"));

    if (writer) {
        for (const auto& [parts, target] : links) {
            const std::string relative = join(parts, parts.size());
            if (auto made = writer->make_directories(parts, false); !made)
                return fail(member_error(relative, made.error().text()));
            if (auto made = writer->make_symlink(relative, target); !made)
                return fail(member_error(relative, made.error().text()));
        }
        if (auto synced = writer->sync_directories(); !synced)
            return fail(synced.error().text());
    }
    return info;
}

}  // namespace

Result<BundleInfo> inspect(const std::string& path)
{
    return read_bundle(path, nullptr);
}

Result<BundleInfo> unpack(const std::string& path, const std::string& destination)
{
    Writer writer(destination);
    if (auto created = writer.create_root(); !created)
        return Error{path + ": " + created.error().text() + "; nothing was unpacked"};
    auto info = read_bundle(path, &writer);
    if (!info)
        return Error{info.error().text() + "; nothing was unpacked"};  // the writer removes what it wrote
    writer.commit();
    return info;
}

}  // namespace lotsen::release_bundle
