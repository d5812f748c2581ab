// update_state.cpp — the state file (updates/state.json): written atomically, read with every known
// member checked (a damaged file is an error, never "empty", which would let an old manifest in
// again) and unknown members skipped and logged, and the list of remembered refusals kept bounded.
#include "core/update/update_state.hpp"
#include "core/base/json_parse.hpp"

#include "core/base/file.hpp"
#include "core/base/text_checks.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <initializer_list>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lotsen {

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

constexpr int k_state_format = 1;
constexpr std::size_t k_max_state_bytes = 256 << 10;   // the manifest (64 KiB) and a little more

}  // namespace

std::string entry_label(manifest::Kind kind, const manifest::Entry& entry)
{
    std::string label = std::string(manifest::kind_name(kind)) + " " + std::to_string(entry.version);
    if (!entry.name.empty())
        label += " " + quote_for_message(entry.name);
    return label;
}

std::int64_t accepted_version(const manifest::Seen& seen, manifest::Kind kind)
{
    switch (kind) {
    case manifest::Kind::catalogue: return seen.catalogue_version;
    case manifest::Kind::config: return seen.config_version;
    case manifest::Kind::release: return seen.release_version;
    }
    return 0;
}

bool same_entry(const RememberedRefusal& refusal, manifest::Kind kind, std::int64_t version, const protocol::Sha256& sha256)
{
    return refusal.kind == kind && refusal.version == version && refusal.sha256 == sha256;
}

void remember_refusal(UpdateState& state, RememberedRefusal refusal)
{
    if (refusal.reason.size() > k_max_remembered_reason_bytes) {
        constexpr std::string_view k_ellipsis = "…";
        refusal.reason = std::string(utf8_prefix(refusal.reason, k_max_remembered_reason_bytes - k_ellipsis.size())) +
                         std::string(k_ellipsis);
    }
    std::erase_if(state.refused, [&](const RememberedRefusal& r) {
        return same_entry(r, refusal.kind, refusal.version, refusal.sha256);
    });
    state.refused.push_back(std::move(refusal));
    if (state.refused.size() > k_max_remembered_refusals)
        state.refused.erase(state.refused.begin(), state.refused.end() - k_max_remembered_refusals);
}

void forget_superseded_refusals(UpdateState& state)
{
    std::erase_if(state.refused, [&](const RememberedRefusal& r) { return r.version <= accepted_version(state.seen, r.kind); });
}

std::size_t forget_refusals_of_other_software(UpdateState& state, std::string_view software)
{
    return std::erase_if(state.refused, [&](const RememberedRefusal& r) { return r.software.empty() || r.software != software; });
}

// ---------------------------------------------------------------------------------------------
// Files and state.

UpdatePaths update_paths(const std::string& data_dir)
{
    const std::string root = data_dir + "/updates";
    return UpdatePaths{root, root + "/state.json", root + "/partial", root + "/ready", root + "/config.toml"};
}

std::string encode_update_state(const UpdateState& state)
{
    Json json = {{"format", k_state_format},
                 {"sequence", state.seen.sequence},
                 {"catalogue_version", state.seen.catalogue_version},
                 {"config_version", state.seen.config_version},
                 {"release_version", state.seen.release_version},
                 {"catalogue_name", state.catalogue_name},
                 {"config_name", state.config_name},
                 {"release_name", state.release_name},
                 {"etag", state.etag},
                 {"manifest", state.manifest}};
    // Written only when there is something to remember: a state file without it is what programs from
    // before this member read (a rolled-back release among them), and they refuse unknown members.
    if (!state.refused.empty()) {
        Json refused = Json::array();
        for (const RememberedRefusal& refusal : state.refused) {
            // No "software" here (see encode_update_state in the header): it goes beside the file.
            refused.push_back({{"kind", manifest::kind_name(refusal.kind)},
                               {"version", refusal.version},
                               {"sha256", protocol::to_hex(refusal.sha256)},
                               {"at", refusal.at},
                               {"reason", refusal.reason}});
        }
        json["refused"] = std::move(refused);
    }
    return json.dump(2) + "\n";
}

namespace {

// Lists the members of `object` that are not in `known` as "<path>.<member>" (`path` empty: the
// member alone). A name that is not plain letters, digits, '_' and '-' is quoted for the log.
void collect_unknown(const Json& object, const std::string& path, std::initializer_list<std::string_view> known,
                     IgnoredMembers* ignored)
{
    if (ignored == nullptr)
        return;
    for (const auto& [key, value] : object.items()) {
        if (std::find(known.begin(), known.end(), key) != known.end())
            continue;
        const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        });
        const std::string name = plain ? key : "[" + quote_for_message(key) + "]";
        ignored->add(path.empty() ? name : plain ? path + "." + name : path + name);
    }
}

// One member of "refused"; `where` is "state.json: refused[2]", `path` "refused[2]".
Result<RememberedRefusal> decode_remembered_refusal(const Json& json, const std::string& where, const std::string& path,
                                                    IgnoredMembers* ignored)
{
    if (!json.is_object())
        return Error{where + ": not an object"};
    collect_unknown(json, path, {"kind", "version", "sha256", "at", "reason", "software"}, ignored);
    RememberedRefusal refusal;
    const auto kind = json.find("kind");
    bool known_kind = false;
    for (manifest::Kind candidate : {manifest::Kind::catalogue, manifest::Kind::config, manifest::Kind::release}) {
        if (kind != json.end() && kind->is_string() && kind->get<std::string>() == manifest::kind_name(candidate)) {
            refusal.kind = candidate;
            known_kind = true;
        }
    }
    if (!known_kind)
        return Error{where + ".kind: missing or not one of catalogue, config, release"};
    const auto version = json.find("version");
    if (version == json.end() || !version->is_number_integer() || version->get<std::int64_t>() < 1)
        return Error{where + ".version: missing or not a positive integer"};
    refusal.version = version->get<std::int64_t>();
    const auto hash = json.find("sha256");
    std::size_t decoded = 0;
    const std::string hex = hash != json.end() && hash->is_string() ? hash->get<std::string>() : std::string();
    if (hex.size() != 64 ||
        sodium_hex2bin(refusal.sha256.data(), refusal.sha256.size(), hex.data(), hex.size(), nullptr, &decoded, nullptr) != 0 ||
        decoded != refusal.sha256.size() || protocol::to_hex(refusal.sha256) != hex)
        return Error{where + ".sha256: missing or not 64 lowercase hex digits"};
    const auto at = json.find("at");
    if (at == json.end() || !at->is_number_integer() || at->get<std::int64_t>() < 0)
        return Error{where + ".at: missing or not a non-negative integer"};
    refusal.at = at->get<std::int64_t>();
    const auto reason = json.find("reason");
    if (reason == json.end() || !reason->is_string())
        return Error{where + ".reason: missing or not a string"};
    refusal.reason = reason->get<std::string>();
    // Absent from refusals remembered before the software version was: those are forgotten at start.
    if (const auto software = json.find("software"); software != json.end()) {
        if (!software->is_string() || software->get<std::string>().empty())
            return Error{where + ".software: not a non-empty string"};
        refusal.software = software->get<std::string>();
    }
    return refusal;
}

}  // namespace

Result<UpdateState> decode_update_state(std::string_view text, std::string_view source, IgnoredMembers* ignored)
{
    const std::string where(source);
    if (text.size() > k_max_state_bytes)
        return Error{where + ": larger than " + std::to_string(k_max_state_bytes) + " bytes"};
    const Json json = LOTSEN_TRY(parse_json(text, where));
    if (!json.is_object())
        return Error{where + ": is not a JSON object"};
    UpdateState state;
    auto integer = [&](const char* member, std::int64_t& out) -> Result<void> {
        const auto it = json.find(member);
        if (it == json.end() || !it->is_number_integer() || it->get<std::int64_t>() < 0)
            return Error{where + ": " + member + ": missing or not a non-negative integer"};
        out = it->get<std::int64_t>();
        return success();
    };
    auto string = [&](const char* member, std::string& out) -> Result<void> {
        const auto it = json.find(member);
        if (it == json.end() || !it->is_string())
            return Error{where + ": " + member + ": missing or not a string"};
        out = it->get<std::string>();
        return success();
    };
    std::int64_t format = 0;
    LOTSEN_TRY(integer("format", format));
    if (format != k_state_format)
        return Error{where + ": format " + std::to_string(format) + " is not one this kiosk reads (1)"};
    // Written by no release so far; a later one may, and what a newer minor adds is skipped below.
    const auto minor = json.find("format_minor");
    if (minor != json.end() && (!minor->is_number_integer() || minor->get<std::int64_t>() < 0))
        return Error{where + ": format_minor: not a non-negative integer"};
    collect_unknown(json, "",
                    {"format", "format_minor", "sequence", "catalogue_version", "config_version", "release_version",
                     "catalogue_name", "config_name", "release_name", "etag", "manifest", "refused"},
                    ignored);
    LOTSEN_TRY(integer("sequence", state.seen.sequence));
    LOTSEN_TRY(integer("catalogue_version", state.seen.catalogue_version));
    LOTSEN_TRY(integer("config_version", state.seen.config_version));
    LOTSEN_TRY(integer("release_version", state.seen.release_version));
    LOTSEN_TRY(string("catalogue_name", state.catalogue_name));
    LOTSEN_TRY(string("config_name", state.config_name));
    LOTSEN_TRY(string("release_name", state.release_name));
    LOTSEN_TRY(string("etag", state.etag));
    LOTSEN_TRY(string("manifest", state.manifest));
    // Absent from state files written before refusals were remembered, and whenever there are none.
    if (const auto refused = json.find("refused"); refused != json.end()) {
        if (!refused->is_array())
            return Error{where + ": refused: not an array"};
        for (std::size_t i = 0; i < refused->size(); ++i) {
            const std::string path = "refused[" + std::to_string(i) + "]";
            state.refused.push_back(LOTSEN_TRY(decode_remembered_refusal((*refused)[i], where + ": " + path, path, ignored)));
        }
    }
    return state;
}

namespace {

constexpr std::size_t k_max_refusal_software_bytes = 16 << 10;

// "catalogue 8 <sha256 hex>": one refusal's key in the file beside the state file.
std::string refusal_key(manifest::Kind kind, std::int64_t version, const protocol::Sha256& sha256)
{
    return std::string(manifest::kind_name(kind)) + " " + std::to_string(version) + " " + protocol::to_hex(sha256);
}

std::string encode_refusal_software(const UpdateState& state)
{
    Json software = Json::object();
    for (const RememberedRefusal& refusal : state.refused) {
        if (!refusal.software.empty())
            software[refusal_key(refusal.kind, refusal.version, refusal.sha256)] = refusal.software;
    }
    return Json{{"format", 1}, {"software", std::move(software)}}.dump(2) + "\n";
}

// Fills in the software of each refusal the file names. Anything wrong with the file is logged and
// leaves the refusals without one: they are forgotten at start, which only means a refused file is
// fetched and judged once more.
void read_refusal_software(const std::string& state_path, UpdateState& state)
{
    if (state.refused.empty())
        return;
    const std::string path = refusal_software_path(state_path);
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return;  // written by a program from before this file, or never: nothing to fill in
    std::ostringstream text;
    text << file.rdbuf();
    const std::string bytes = text.str();
    const Json json = bytes.size() > k_max_refusal_software_bytes ? Json() : parse_json_or_null(bytes);
    const auto software = json.is_object() ? json.find("software") : json.end();
    if (!json.is_object() || json.value("format", 0) != 1 || software == json.end() || !software->is_object()) {
        std::fprintf(stderr, "lotsen: %s: damaged; the remembered refusals are forgotten and tried again\n", path.c_str());
        return;
    }
    for (RememberedRefusal& refusal : state.refused) {
        const auto it = software->find(refusal_key(refusal.kind, refusal.version, refusal.sha256));
        if (it != software->end() && it->is_string() && !it->get<std::string>().empty())
            refusal.software = it->get<std::string>();
    }
}

}  // namespace

std::string refusal_software_path(const std::string& state_path)
{
    return parent_of(state_path) + "/refusal-software.json";
}

Result<UpdateState> load_update_state(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        if (errno == ENOENT || !fs::exists(path))
            return UpdateState{};
        return Error{path + ": cannot read: " + errno_text()};
    }
    std::ostringstream text;
    text << file.rdbuf();
    IgnoredMembers ignored;
    auto state = decode_update_state(text.str(), path, &ignored);
    if (state && !ignored.empty()) {
        // Written by a newer release (the kiosk went back to this one): what it added is not this
        // release's to use, and is dropped when the file is next written.
        std::fprintf(stderr, "lotsen: %s: ignored members this kiosk does not know: %s\n", path.c_str(),
                     ignored.summary().c_str());
    }
    if (state)
        read_refusal_software(path, state.value());
    return state;
}

Result<void> save_update_state(const std::string& path, const UpdateState& state)
{
    // The names first: a refusal that reaches the state file without one is only tried again.
    LOTSEN_TRY(write_file_atomically(refusal_software_path(path), encode_refusal_software(state)));
    return write_file_atomically(path, encode_update_state(state));
}

}  // namespace lotsen
