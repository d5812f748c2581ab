// manifest.cpp — see manifest.hpp. Every member this program knows is checked as strictly as
// protocol.cpp checks its own: types, ranges, and a file name that may only be "<64 hex>.<ext>", so
// nothing in a manifest can point a kiosk outside the files directory. Members it does not know are
// skipped and listed (a newer minor of format 1 adds only optional members); a newer major is refused.
#include "core/wire/manifest.hpp"
#include "core/base/json_parse.hpp"

#include "core/base/text_checks.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <initializer_list>

namespace lotsen::manifest {

namespace {

using Json = nlohmann::json;

constexpr std::string_view k_signing_prefix = "LOTSEN-MANIFEST-V1\n";
constexpr std::size_t k_max_name_bytes = 64;
constexpr Kind k_kinds[] = {Kind::catalogue, Kind::config, Kind::release};

std::string signing_bytes(std::string_view payload)
{
    std::string bytes(k_signing_prefix);
    bytes += payload;
    return bytes;
}

Result<std::int64_t> read_integer(const Json& object, const std::string& path, const char* member, std::int64_t min)
{
    const auto it = object.find(member);
    if (it == object.end())
        return Error{path + "." + member + ": missing"};
    if (!it->is_number_integer())
        return Error{path + "." + member + ": must be an integer"};
    const std::int64_t value = it->get<std::int64_t>();
    if (value < min)
        return Error{path + "." + member + ": " + std::to_string(value) + " is below " + std::to_string(min)};
    return value;
}

// An optional integer member: `fallback` when absent.
Result<std::int64_t> read_optional_integer(const Json& object, const std::string& path, const char* member,
                                           std::int64_t min, std::int64_t fallback)
{
    if (!object.contains(member))
        return fallback;
    return read_integer(object, path, member, min);
}

// Lists every member of `object` not in `known` as "<path>.<member>" (a member name that is not plain
// letters, digits, '_' and '-' is quoted, so the log line shows what it was and nothing more).
void collect_unknown(const Json& object, const std::string& path, std::initializer_list<std::string_view> known,
                     IgnoredMembers& ignored)
{
    for (const auto& [key, value] : object.items()) {
        if (std::find(known.begin(), known.end(), key) != known.end())
            continue;
        const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        });
        ignored.add(plain ? path + "." + key : path + "[" + quote_for_message(key) + "]");
    }
}

Json entry_to_json(const Entry& entry)
{
    Json json = {{"version", entry.version},       {"name", entry.name},       {"size", entry.size},
                 {"sha256", protocol::to_hex(entry.sha256)}, {"file", entry.file}, {"published_at", entry.published_at}};
    if (entry.format != 1)  // 1.1: absent is format 1, so an entry of a format-1 file is written as in 1.0
        json["format"] = entry.format;
    return json;
}

// `path` names the entry in errors ("manifest payload.catalogue"), `member_path` in the list of
// ignored members ("payload.catalogue").
Result<Entry> entry_from_json(const Json& json, const std::string& path, const std::string& member_path,
                              IgnoredMembers& ignored)
{
    if (!json.is_object())
        return Error{path + ": must be an object"};
    collect_unknown(json, member_path, {"version", "name", "size", "sha256", "file", "published_at", "format"}, ignored);
    Entry entry;
    entry.version = LOTSEN_TRY(read_integer(json, path, "version", 1));
    entry.size = static_cast<std::uint64_t>(LOTSEN_TRY(read_integer(json, path, "size", 1)));
    entry.published_at = LOTSEN_TRY(read_integer(json, path, "published_at", 0));
    entry.format = LOTSEN_TRY(read_optional_integer(json, path, "format", 1, 1));
    const auto name = json.find("name");
    if (name != json.end()) {
        if (!name->is_string())
            return Error{path + ".name: must be a string"};
        entry.name = name->get<std::string>();
        if (entry.name.size() > k_max_name_bytes || find_invalid_utf8(entry.name) != std::string::npos)
            return Error{path + ".name: must be UTF-8 of at most " + std::to_string(k_max_name_bytes) + " bytes"};
    }
    const auto hash = json.find("sha256");
    if (hash == json.end() || !hash->is_string())
        return Error{path + ".sha256: missing or not a string"};
    const std::string hex = hash->get<std::string>();
    std::size_t decoded = 0;
    if (hex.size() != 64
        || sodium_hex2bin(entry.sha256.data(), entry.sha256.size(), hex.data(), hex.size(), nullptr, &decoded, nullptr) != 0
        || decoded != entry.sha256.size() || protocol::to_hex(entry.sha256) != hex)
        return Error{path + ".sha256: must be 64 lowercase hex digits"};
    const auto file = json.find("file");
    if (file == json.end() || !file->is_string())
        return Error{path + ".file: missing or not a string"};
    entry.file = file->get<std::string>();
    if (!is_file_name(entry.file))
        return Error{path + ".file: " + quote_for_message(entry.file) + " is not a plain \"<sha256>.<ext>\" file name"};
    if (entry.file.compare(0, 64, hex) != 0)
        return Error{path + ".file: its name does not start with the entry's sha256"};
    return entry;
}

}  // namespace

bool is_file_name(std::string_view name)
{
    if (name.size() < 66 || name.size() > 73 || name[64] != '.')
        return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        const bool ext = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (i < 64 ? !hex : (i > 64 && !ext))
            return false;
    }
    return true;
}

std::string_view kind_name(Kind kind)
{
    switch (kind) {
    case Kind::catalogue: return "catalogue";
    case Kind::config: return "config";
    case Kind::release: return "release";
    }
    return {};
}

namespace {

template <typename Entries>
auto& entry_of(Entries& entries, Kind kind)
{
    switch (kind) {
    case Kind::catalogue: return entries.catalogue;
    case Kind::config: return entries.config;
    case Kind::release: return entries.release;
    }
    return entries.catalogue;
}

}  // namespace

const std::optional<Entry>& PreviousMajor::entry(Kind kind) const
{
    return entry_of(*this, kind);
}

std::optional<Entry>& PreviousMajor::entry(Kind kind)
{
    return entry_of(*this, kind);
}

const std::optional<Entry>& Manifest::entry(Kind kind) const
{
    return entry_of(*this, kind);
}

std::optional<Entry>& Manifest::entry(Kind kind)
{
    return entry_of(*this, kind);
}

std::int64_t Manifest::newest_version(Kind kind) const
{
    std::int64_t newest = 0;
    for (const std::optional<Entry>* listed : {&entry(kind), &previous_major.entry(kind)}) {
        if (*listed)
            newest = std::max(newest, (*listed)->version);
    }
    return newest;
}

bool needs_format_minor(const Manifest& manifest)
{
    if (!manifest.previous_major.empty())
        return true;
    return std::any_of(std::begin(k_kinds), std::end(k_kinds), [&](Kind kind) {
        const auto& entry = manifest.entry(kind);
        return entry && entry->format != 1;
    });
}

std::string encode_payload(const Manifest& manifest)
{
    Json json = {{"format", k_format},
                 {"sequence", manifest.sequence},
                 {"issued_at", manifest.issued_at},
                 {"expires_at", manifest.expires_at}};
    // Written only when needed: a manifest without 1.1 members is what kiosks from before 1.1 read.
    if (needs_format_minor(manifest))
        json["format_minor"] = k_format_minor;
    Json previous = Json::object();
    for (Kind kind : k_kinds) {
        const std::string name(kind_name(kind));
        if (const auto& entry = manifest.entry(kind))
            json[name] = entry_to_json(*entry);
        if (const auto& entry = manifest.previous_major.entry(kind))
            previous[name] = entry_to_json(*entry);
    }
    if (!previous.empty())
        json["previous_major"] = std::move(previous);
    return json.dump(2);
}

std::string sign(const Manifest& manifest, const protocol::SigningKeyPair& publisher)
{
    const std::string payload = encode_payload(manifest);
    const std::string message = signing_bytes(payload);
    protocol::Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         publisher.secret_key.data());
    const std::vector<std::uint8_t> bytes(payload.begin(), payload.end());
    const Json file = {{"payload", protocol::to_base64(bytes)}, {"signature", protocol::to_base64(signature)}};
    return file.dump(2) + "\n";
}

Result<Manifest> verify(std::string_view file, const protocol::SigningPublicKey& publisher)
{
    if (file.size() > k_max_manifest_bytes)
        return Error{"manifest: " + std::to_string(file.size()) + " bytes, more than the " +
                     std::to_string(k_max_manifest_bytes) + " a manifest may have"};
    const Json outer = LOTSEN_TRY(parse_json(file, "manifest"));
    if (!outer.is_object())
        return Error{"manifest: is not a JSON object"};
    if (!outer.contains("payload") || !outer["payload"].is_string() || !outer.contains("signature")
        || !outer["signature"].is_string())
        return Error{"manifest: needs \"payload\" and \"signature\" strings"};
    auto payload_bytes = LOTSEN_TRY(protocol::from_base64(outer["payload"].get<std::string>(), "manifest.payload"));
    auto signature = LOTSEN_TRY(protocol::from_base64(outer["signature"].get<std::string>(), "manifest.signature", crypto_sign_BYTES));
    const std::string payload(payload_bytes.begin(), payload_bytes.end());
    const std::string message = signing_bytes(payload);
    if (crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                    message.size(), publisher.data())
        != 0)
        return Error{"manifest: the signature does not verify with the configured publisher key"};

    // Signed by the publisher: now it is worth parsing. Members beside the payload and the signature
    // are not signed; they are listed all the same, and never used.
    Manifest manifest = LOTSEN_TRY(parse_payload(payload));
    collect_unknown(outer, "manifest", {"payload", "signature"}, manifest.ignored);
    return manifest;
}

Result<Manifest> parse_payload(std::string_view payload)
{
    const Json json = LOTSEN_TRY(parse_json(payload, "manifest payload"));
    if (!json.is_object())
        return Error{"manifest payload: is not a JSON object"};
    const std::string where = "manifest payload";
    const std::int64_t format = LOTSEN_TRY(read_integer(json, where, "format", 0));
    if (format > k_format) {
        // Of a newer major only the version is read, for the message: nothing else of it is known.
        const auto minor = json.find("format_minor");
        const FormatVersion read{format, minor != json.end() && minor->is_number_unsigned() ? minor->get<std::int64_t>() : 0};
        const FormatVersion readable{k_format, k_format_minor};
        return Error{"manifest format " + read.text() + " is newer than this kiosk reads (" + readable.text() +
                     "): a hub publishes a new major at a path of its own beside " + std::string(k_manifest_path) +
                     " (docs/updates.md)"};
    }
    if (format != k_format)
        return Error{where + ".format: " + std::to_string(format) + " is not a format this kiosk reads (1)"};
    // A newer minor of format 1 only adds optional members: read like 1.1, what it adds is skipped.
    LOTSEN_TRY(read_optional_integer(json, where, "format_minor", 0, 0));
    Manifest manifest;
    collect_unknown(json, "payload",
                    {"format", "format_minor", "sequence", "issued_at", "expires_at", "catalogue", "config", "release",
                     "previous_major"},
                    manifest.ignored);
    manifest.sequence = LOTSEN_TRY(read_integer(json, where, "sequence", 1));
    manifest.issued_at = LOTSEN_TRY(read_integer(json, where, "issued_at", 0));
    manifest.expires_at = LOTSEN_TRY(read_integer(json, where, "expires_at", 0));
    if (manifest.expires_at <= manifest.issued_at)
        return Error{where + ".expires_at: is not after issued_at"};
    for (Kind kind : k_kinds) {
        const std::string name(kind_name(kind));
        if (json.contains(name))
            manifest.entry(kind) =
                LOTSEN_TRY(entry_from_json(json[name], where + "." + name, "payload." + name, manifest.ignored));
    }
    if (const auto previous = json.find("previous_major"); previous != json.end()) {
        const std::string path = where + ".previous_major";
        if (!previous->is_object())
            return Error{path + ": must be an object"};
        collect_unknown(*previous, "payload.previous_major", {"catalogue", "config", "release"}, manifest.ignored);
        for (Kind kind : k_kinds) {
            const std::string name(kind_name(kind));
            if (!previous->contains(name))
                continue;
            Entry entry = LOTSEN_TRY(
                entry_from_json((*previous)[name], path + "." + name, "payload.previous_major." + name, manifest.ignored));
            const auto& main = manifest.entry(kind);
            if (!main)
                return Error{path + "." + name + ": listed without a main " + name + " entry"};
            if (entry.format >= main->format) {
                return Error{path + "." + name + ".format: " + std::to_string(entry.format) + " is not below the main " +
                             name + " entry's format " + std::to_string(main->format)};
            }
            manifest.previous_major.entry(kind) = std::move(entry);
        }
    }
    return manifest;
}

Result<void> check_freshness(const Manifest& manifest, const Seen& seen, std::int64_t now)
{
    if (now >= manifest.expires_at) {
        return Error{"manifest " + std::to_string(manifest.sequence) + " expired " + std::to_string(now - manifest.expires_at)
                     + " s ago; the region must publish a fresh one (the current state stays in use)"};
    }
    if (manifest.sequence < seen.sequence) {
        return Error{"manifest sequence " + std::to_string(manifest.sequence) + " is older than the " +
                     std::to_string(seen.sequence) + " already seen: a replayed or rolled-back manifest is refused"};
    }
    const std::pair<Kind, std::int64_t> accepted[] = {
        {Kind::catalogue, seen.catalogue_version},
        {Kind::config, seen.config_version},
        {Kind::release, seen.release_version},
    };
    for (const auto& [kind, version] : accepted) {
        // Two majors listed side by side: only when neither is as new as what was accepted has the
        // region's state gone back. An older entry beside a newer one is simply not taken.
        const std::int64_t newest = manifest.newest_version(kind);
        if (newest > 0 && newest < version) {
            return Error{"manifest " + std::string(kind_name(kind)) + " version " + std::to_string(newest) +
                         " is older than the " + std::to_string(version) + " already accepted: refused (no rollback)"};
        }
    }
    return success();
}

}  // namespace lotsen::manifest
