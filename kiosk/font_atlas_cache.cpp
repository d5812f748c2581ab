// font_atlas_cache.cpp — the atlas cache file: a fixed header (magic, format, the inputs' key, the
// contents' size and BLAKE2b digest), then the atlas (texture size, UVs, baked lines, custom
// rectangles), each font's metrics and glyphs, and last the alpha pixels. Numbers are written as this
// machine holds them; the key includes the byte order and sizes, so another machine's file is stale.
#include "kiosk/font_atlas_cache.hpp"

#include "core/base/file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <imgui.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <type_traits>

namespace lotsen::kiosk {

namespace {

constexpr char k_magic[8] = {'L', 'O', 'T', 'S', 'E', 'N', 'F', 'A'};
constexpr std::uint32_t k_format = 1;
constexpr std::size_t k_digest_bytes = crypto_generichash_BYTES;  // 32
constexpr std::size_t k_header_bytes = sizeof k_magic + 4 + 4 + 32 + 8 + k_digest_bytes;
constexpr int k_lines = IM_DRAWLIST_TEX_LINES_WIDTH_MAX + 1;
// Far above anything the kiosk builds (six fonts, a few thousand glyphs, 2048×4096 px), so that a file
// claiming more is refused before anything is allocated for it.
constexpr std::uint32_t k_max_side = 16384;
constexpr std::uint32_t k_max_fonts = 64;
constexpr std::uint32_t k_max_glyphs = 1u << 20;
constexpr std::uint32_t k_max_rects = 1024;

static_assert(AtlasKey().size() == k_digest_bytes);

using Digest = std::array<unsigned char, k_digest_bytes>;

Digest digest_of(const void* data, std::size_t size)
{
    Digest digest{};
    crypto_generichash(digest.data(), digest.size(), static_cast<const unsigned char*>(data), size, nullptr, 0);
    return digest;
}

// Appends numbers as this machine holds them.
class Writer {
public:
    template <typename T>
    void put(T value)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        const std::size_t at = m_bytes.size();
        m_bytes.resize(at + sizeof value);
        std::memcpy(m_bytes.data() + at, &value, sizeof value);
    }
    void put_bytes(const void* data, std::size_t size) { m_bytes.append(static_cast<const char*>(data), size); }
    std::string& bytes() { return m_bytes; }

private:
    std::string m_bytes;
};

// Reads what Writer wrote; every read past the end fails the whole reader.
class Reader {
public:
    explicit Reader(std::string_view bytes) : m_bytes(bytes) {}

    template <typename T>
    T get()
    {
        static_assert(std::is_trivially_copyable_v<T>);
        T value{};
        if (m_bytes.size() - m_at < sizeof value) {
            m_failed = true;
            return value;
        }
        std::memcpy(&value, m_bytes.data() + m_at, sizeof value);
        m_at += sizeof value;
        return value;
    }
    const char* take(std::size_t size)
    {
        if (m_bytes.size() - m_at < size) {
            m_failed = true;
            return nullptr;
        }
        const char* at = m_bytes.data() + m_at;
        m_at += size;
        return at;
    }
    bool failed() const { return m_failed; }
    std::size_t left() const { return m_bytes.size() - m_at; }

private:
    std::string_view m_bytes;
    std::size_t m_at = 0;
    bool m_failed = false;
};

AtlasRestoreFailure damaged(const std::string& path, const std::string& what)
{
    return AtlasRestoreFailure{AtlasRestoreFailure::Kind::damaged, path + ": " + what};
}

// The atlas and its fonts from a payload whose digest matched; false when it does not hold together.
bool read_payload(ImFontAtlas& atlas, Reader& in)
{
    const auto width = in.get<std::uint32_t>();
    const auto height = in.get<std::uint32_t>();
    const auto flags = in.get<std::int32_t>();
    if (in.failed() || width == 0 || height == 0 || width > k_max_side || height > k_max_side)
        return false;
    atlas.Flags = flags;
    atlas.TexWidth = static_cast<int>(width);
    atlas.TexHeight = static_cast<int>(height);
    atlas.TexUvScale = in.get<ImVec2>();
    atlas.TexUvWhitePixel = in.get<ImVec2>();
    for (int i = 0; i < k_lines; ++i)
        atlas.TexUvLines[i] = in.get<ImVec4>();
    atlas.PackIdMouseCursors = in.get<std::int32_t>();
    atlas.PackIdLines = in.get<std::int32_t>();
    const auto rects = in.get<std::uint32_t>();
    if (in.failed() || rects > k_max_rects)
        return false;
    atlas.CustomRects.resize(static_cast<int>(rects));
    for (ImFontAtlasCustomRect& rect : atlas.CustomRects) {
        rect.Width = in.get<std::uint16_t>();
        rect.Height = in.get<std::uint16_t>();
        rect.X = in.get<std::uint16_t>();
        rect.Y = in.get<std::uint16_t>();
        rect.GlyphID = in.get<std::uint32_t>();
        rect.GlyphAdvanceX = in.get<float>();
        rect.GlyphOffset = in.get<ImVec2>();
        rect.Font = nullptr;
    }
    const auto fonts = in.get<std::uint32_t>();
    if (in.failed() || fonts == 0 || fonts > k_max_fonts)
        return false;
    for (std::uint32_t f = 0; f < fonts; ++f) {
        ImFont* font = IM_NEW(ImFont);
        atlas.Fonts.push_back(font);  // owned by the atlas from here on, also when reading fails below
        font->ContainerAtlas = &atlas;
        font->FontSize = in.get<float>();
        font->Scale = in.get<float>();
        font->Ascent = in.get<float>();
        font->Descent = in.get<float>();
        font->MetricsTotalSurface = in.get<std::int32_t>();
        font->FallbackChar = in.get<ImWchar>();
        font->EllipsisChar = in.get<ImWchar>();
        font->DotChar = in.get<ImWchar>();
        const auto glyphs = in.get<std::uint32_t>();
        if (in.failed() || glyphs == 0 || glyphs > k_max_glyphs || !(font->FontSize > 0.0f) || !(font->Scale > 0.0f))
            return false;
        font->Glyphs.resize(static_cast<int>(glyphs));
        for (ImFontGlyph& glyph : font->Glyphs) {
            const auto bits = in.get<std::uint32_t>();
            glyph.Colored = (bits & 1u) != 0;
            glyph.Visible = ((bits >> 1) & 1u) != 0;
            glyph.Codepoint = bits >> 2;
            glyph.AdvanceX = in.get<float>();
            glyph.X0 = in.get<float>();
            glyph.Y0 = in.get<float>();
            glyph.X1 = in.get<float>();
            glyph.Y1 = in.get<float>();
            glyph.U0 = in.get<float>();
            glyph.V0 = in.get<float>();
            glyph.U1 = in.get<float>();
            glyph.V1 = in.get<float>();
            if (glyph.Codepoint > IM_UNICODE_CODEPOINT_MAX)
                return false;
        }
        if (in.failed())
            return false;
        // The index tables (advance and glyph by code point, the 4K page map, the fallback glyph) are
        // derived from the glyphs as the atlas build derives them; the glyph list already holds the
        // tab the first build added, which the lookup build recognises and does not add again.
        font->DirtyLookupTables = true;
        font->BuildLookupTable();
    }
    const std::size_t pixels = static_cast<std::size_t>(width) * height;
    const char* alpha = in.take(pixels);
    if (!alpha || in.left() != 0)
        return false;
    atlas.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(pixels));
    std::memcpy(atlas.TexPixelsAlpha8, alpha, pixels);
    atlas.TexPixelsUseColors = false;
    atlas.TexReady = true;
    return true;
}

}  // namespace

void AtlasInputs::add(std::string_view text)
{
    add(static_cast<std::uint64_t>(text.size()));
    m_bytes.append(text);
}

void AtlasInputs::add(std::uint64_t number)
{
    m_bytes.append(reinterpret_cast<const char*>(&number), sizeof number);
}

void AtlasInputs::add(float number)
{
    add(static_cast<std::uint64_t>(std::bit_cast<std::uint32_t>(number)));
}

Result<void> AtlasInputs::add_file(const std::string& path)
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return Error{path + ": cannot look at the font file: " + errno_text()};
    add(path);
    for (const auto number : {static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino),
                              static_cast<std::uint64_t>(info.st_size), static_cast<std::uint64_t>(info.st_mtim.tv_sec),
                              static_cast<std::uint64_t>(info.st_mtim.tv_nsec), static_cast<std::uint64_t>(info.st_ctim.tv_sec),
                              static_cast<std::uint64_t>(info.st_ctim.tv_nsec)})
        add(number);
    return success();
}

AtlasKey AtlasInputs::key() const
{
    // The layout of what the file holds belongs to the key too: a file from a machine of another
    // byte order, or from a Dear ImGui whose glyph is laid out otherwise, is stale, never misread.
    std::string all = m_bytes;
    const std::uint64_t layout[] = {k_format, std::endian::native == std::endian::little ? 1u : 2u, sizeof(ImWchar),
                                    sizeof(ImFontGlyph), IMGUI_VERSION_NUM, static_cast<std::uint64_t>(k_lines)};
    all.append(reinterpret_cast<const char*>(layout), sizeof layout);
    return digest_of(all.data(), all.size());
}

std::optional<AtlasRestoreFailure> restore_atlas(ImFontAtlas& atlas, const std::string& path, const AtlasKey& key)
{
    atlas.Clear();
    bool missing = false;
    auto bytes = read_whole_file(path, missing);
    if (!bytes) {
        return AtlasRestoreFailure{missing ? AtlasRestoreFailure::Kind::missing : AtlasRestoreFailure::Kind::damaged,
                                   bytes.error().text()};
    }
    const std::string& file = bytes.value();
    Reader header(file);
    const char* magic = header.take(sizeof k_magic);
    const auto format = header.get<std::uint32_t>();
    (void)header.get<std::uint32_t>();  // reserved
    const char* file_key = header.take(key.size());
    const auto payload_size = header.get<std::uint64_t>();
    const char* payload_digest = header.take(k_digest_bytes);
    if (header.failed() || std::memcmp(magic, k_magic, sizeof k_magic) != 0)
        return damaged(path, "not a font atlas cache file (" + std::to_string(file.size()) + " bytes, no LOTSENFA header)");
    if (format != k_format || std::memcmp(file_key, key.data(), key.size()) != 0) {
        return AtlasRestoreFailure{AtlasRestoreFailure::Kind::stale,
                                   path + ": made for other fonts, characters, sizes or another version"};
    }
    if (payload_size != file.size() - k_header_bytes) {
        return damaged(path, "holds " + std::to_string(file.size() - k_header_bytes) + " bytes after its header, its header says " +
                                 std::to_string(payload_size));
    }
    const std::string_view payload = std::string_view(file).substr(k_header_bytes);
    const Digest digest = digest_of(payload.data(), payload.size());
    if (std::memcmp(digest.data(), payload_digest, digest.size()) != 0)
        return damaged(path, "its contents do not match their digest");
    Reader in(payload);
    if (!read_payload(atlas, in)) {
        atlas.Clear();
        return damaged(path, "its contents do not hold together (sizes or counts out of range)");
    }
    return std::nullopt;
}

Result<void> save_atlas(const ImFontAtlas& atlas, const std::string& path, const AtlasKey& key)
{
    if (!atlas.TexReady || !atlas.TexPixelsAlpha8 || atlas.TexWidth <= 0 || atlas.TexHeight <= 0)
        return Error{path + ": the atlas has no pixels to keep"};
    const std::size_t pixels = static_cast<std::size_t>(atlas.TexWidth) * static_cast<std::size_t>(atlas.TexHeight);
    // One buffer for the whole file: the header with room for the size and digest of the contents,
    // filled in once the contents are written after it.
    Writer out;
    out.bytes().reserve(k_header_bytes + pixels + 65536);
    out.put_bytes(k_magic, sizeof k_magic);
    out.put(k_format);
    out.put(std::uint32_t{0});  // reserved
    out.put_bytes(key.data(), key.size());
    const std::size_t size_at = out.bytes().size();
    out.put(std::uint64_t{0});
    out.put_bytes(Digest{}.data(), k_digest_bytes);

    out.put(static_cast<std::uint32_t>(atlas.TexWidth));
    out.put(static_cast<std::uint32_t>(atlas.TexHeight));
    out.put(static_cast<std::int32_t>(atlas.Flags));
    out.put(atlas.TexUvScale);
    out.put(atlas.TexUvWhitePixel);
    for (int i = 0; i < k_lines; ++i)
        out.put(atlas.TexUvLines[i]);
    out.put(static_cast<std::int32_t>(atlas.PackIdMouseCursors));
    out.put(static_cast<std::int32_t>(atlas.PackIdLines));
    out.put(static_cast<std::uint32_t>(atlas.CustomRects.Size));
    for (const ImFontAtlasCustomRect& rect : atlas.CustomRects) {
        if (rect.Font)
            return Error{path + ": the atlas has glyphs drawn by the program itself, which the cache cannot keep"};
        out.put(static_cast<std::uint16_t>(rect.Width));
        out.put(static_cast<std::uint16_t>(rect.Height));
        out.put(static_cast<std::uint16_t>(rect.X));
        out.put(static_cast<std::uint16_t>(rect.Y));
        out.put(static_cast<std::uint32_t>(rect.GlyphID));
        out.put(rect.GlyphAdvanceX);
        out.put(rect.GlyphOffset);
    }
    out.put(static_cast<std::uint32_t>(atlas.Fonts.Size));
    for (const ImFont* font : atlas.Fonts) {
        out.put(font->FontSize);
        out.put(font->Scale);
        out.put(font->Ascent);
        out.put(font->Descent);
        out.put(static_cast<std::int32_t>(font->MetricsTotalSurface));
        out.put(font->FallbackChar);
        out.put(font->EllipsisChar);
        out.put(font->DotChar);
        out.put(static_cast<std::uint32_t>(font->Glyphs.Size));
        for (const ImFontGlyph& glyph : font->Glyphs) {
            const std::uint32_t bits = static_cast<std::uint32_t>(glyph.Colored) | (static_cast<std::uint32_t>(glyph.Visible) << 1) |
                                       (static_cast<std::uint32_t>(glyph.Codepoint) << 2);
            out.put(bits);
            for (const float number : {glyph.AdvanceX, glyph.X0, glyph.Y0, glyph.X1, glyph.Y1, glyph.U0, glyph.V0,
                                       glyph.U1, glyph.V1})
                out.put(number);
        }
    }
    out.put_bytes(atlas.TexPixelsAlpha8, pixels);

    std::string& bytes = out.bytes();
    const std::uint64_t payload_size = bytes.size() - k_header_bytes;
    std::memcpy(bytes.data() + size_at, &payload_size, sizeof payload_size);
    const Digest digest = digest_of(bytes.data() + k_header_bytes, payload_size);
    std::memcpy(bytes.data() + size_at + sizeof payload_size, digest.data(), digest.size());
    return write_file_atomically(path, bytes, 0644);
}

}  // namespace lotsen::kiosk
