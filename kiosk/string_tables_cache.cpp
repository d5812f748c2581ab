// string_tables_cache.cpp — the string tables file (kiosk/start_cache_file.hpp, magic LOTSENST): the
// number of languages, then for each its code and entry count and every key and text, each text as its
// 32-bit length and bytes.
#include "kiosk/string_tables_cache.hpp"

#include "core/base/file.hpp"
#include "kiosk/start_cache_file.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

namespace lotsen::kiosk {

namespace {

constexpr std::string_view k_magic = "LOTSENST";

// The key of the *.toml files in `directory` by name and identity; nothing when the folder or a file
// cannot be looked at (then load_directory reports it, or nothing is kept).
std::optional<StartCacheKey> key_of(const std::string& directory)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<std::string> names;
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".toml")
            names.push_back(it->path().filename().string());
    }
    if (ec)
        return std::nullopt;
    std::sort(names.begin(), names.end());
    StartCacheInputs inputs;
    inputs.add("lotsen string tables");
    inputs.add(directory);
    inputs.add(static_cast<std::uint64_t>(names.size()));
    for (const std::string& name : names) {
        const std::optional<std::string> identity = file_identity(directory + "/" + name);
        if (!identity)
            return std::nullopt;
        inputs.add(name);
        inputs.add(*identity);
    }
    return inputs.key();
}

void put_text(std::string& out, std::string_view text)
{
    const auto size = static_cast<std::uint32_t>(text.size());
    out.append(reinterpret_cast<const char*>(&size), sizeof size);
    out.append(text);
}

std::string contents_of(const StringTables& tables)
{
    std::string out;
    put_text(out, std::to_string(tables.tables().size()));
    for (const auto& [language, table] : tables.tables()) {
        put_text(out, language);
        put_text(out, std::to_string(table.size()));
        for (const auto& [key, text] : table) {
            put_text(out, key);
            put_text(out, text);
        }
    }
    return out;
}

class TextReader {
public:
    explicit TextReader(std::string_view bytes) : m_bytes(bytes) {}
    std::optional<std::string_view> text()
    {
        std::uint32_t size = 0;
        if (m_bytes.size() - m_at < sizeof size)
            return std::nullopt;
        std::memcpy(&size, m_bytes.data() + m_at, sizeof size);
        m_at += sizeof size;
        if (m_bytes.size() - m_at < size)
            return std::nullopt;
        const std::string_view out = m_bytes.substr(m_at, size);
        m_at += size;
        return out;
    }
    std::optional<std::size_t> count()
    {
        const auto digits = text();
        if (!digits || digits->empty() || digits->size() > 9 ||
            !std::all_of(digits->begin(), digits->end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        return static_cast<std::size_t>(std::stoul(std::string(*digits)));
    }
    bool at_end() const { return m_at == m_bytes.size(); }

private:
    std::string_view m_bytes;
    std::size_t m_at = 0;
};

std::optional<StringTables> tables_of(std::string_view contents)
{
    TextReader in(contents);
    const auto languages = in.count();
    if (!languages || *languages == 0)
        return std::nullopt;
    std::map<LanguageCode, StringTable, std::less<>> tables;
    for (std::size_t l = 0; l < *languages; ++l) {
        const auto language = in.text();
        const auto entries = in.count();
        if (!language || !entries)
            return std::nullopt;
        StringTable& table = tables[std::string(*language)];
        for (std::size_t e = 0; e < *entries; ++e) {
            const auto key = in.text();
            const auto text = in.text();
            if (!key || !text)
                return std::nullopt;
            table.emplace_hint(table.end(), *key, *text);
        }
    }
    if (!in.at_end() || tables.size() != *languages)
        return std::nullopt;
    return StringTables::from_tables(std::move(tables));
}

}  // namespace

std::string string_tables_cache_path(const std::string& cache_dir)
{
    return cache_dir + "/string-tables.bin";
}

Result<LoadedStringTables> load_string_tables(const std::string& directory, const std::string& cache_path)
{
    LoadedStringTables loaded;
    const std::optional<StartCacheKey> key = cache_path.empty() ? std::nullopt : key_of(directory);
    std::string problem;
    if (key) {
        StartCacheRead read = read_start_cache(cache_path, k_magic, *key);
        if (read.kind == StartCacheRead::Kind::contents) {
            if (std::optional<StringTables> tables = tables_of(read.contents)) {
                loaded.tables = std::move(*tables);
                loaded.restored = true;
                return loaded;
            }
            problem = cache_path + ": its tables do not hold together";
        } else {
            problem = std::move(read.problem);
        }
    }
    loaded.tables = LOTSEN_TRY(StringTables::load_directory(directory));
    if (!key)
        return loaded;
    if (!problem.empty())
        loaded.message = problem + "; the string tables were read from " + directory;
    if (auto saved = write_start_cache(cache_path, k_magic, *key, contents_of(loaded.tables)); !saved)
        loaded.message += (loaded.message.empty() ? "" : "; ") + ("the string tables are not kept: " + saved.error().text());
    else if (!problem.empty())
        loaded.message += ", and the file is replaced";
    return loaded;
}

}  // namespace lotsen::kiosk
