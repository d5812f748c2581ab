// manifest.cpp — see manifest.hpp. Parsing is strict like protocol.cpp's: unknown members are
// refused, every number is checked, and a file name may only be "<64 hex>.<ext>", so nothing in a
// manifest can point a kiosk outside the files directory.
#include "core/wire/manifest.hpp"

#include "core/base/json_members.hpp"
#include "core/base/text_checks.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <initializer_list>

namespace lotsen::manifest {

namespace {

using Json = nlohmann::json;

constexpr std::string_view k_signing_prefix = "LOTSEN-MANIFEST-V1\n";
constexpr std::size_t k_max_name_bytes = 64;

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


Json entry_to_json(const Entry& entry)
{
    return {{"version", entry.version},       {"name", entry.name},       {"size", entry.size},
            {"sha256", protocol::to_hex(entry.sha256)}, {"file", entry.file}, {"published_at", entry.published_at}};
}

Result<Entry> entry_from_json(const Json& json, const std::string& path)
{
    if (!json.is_object())
        return Error{path + ": must be an object"};
    if (const std::string extra = json_members::first_unknown(json, {"version", "name", "size", "sha256", "file", "published_at"});
        !extra.empty())
        return Error{path + "." + extra + ": unknown member"};
    Entry entry;
    entry.version = LOTSEN_TRY(read_integer(json, path, "version", 1));
    entry.size = static_cast<std::uint64_t>(LOTSEN_TRY(read_integer(json, path, "size", 1)));
    entry.published_at = LOTSEN_TRY(read_integer(json, path, "published_at", 0));
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

const std::optional<Entry>& Manifest::entry(Kind kind) const
{
    switch (kind) {
    case Kind::catalogue: return catalogue;
    case Kind::config: return config;
    case Kind::release: return release;
    }
    return catalogue;
}

std::string encode_payload(const Manifest& manifest)
{
    Json json = {{"format", k_format},
                 {"sequence", manifest.sequence},
                 {"issued_at", manifest.issued_at},
                 {"expires_at", manifest.expires_at}};
    for (Kind kind : {Kind::catalogue, Kind::config, Kind::release}) {
        if (const auto& entry = manifest.entry(kind))
            json[std::string(kind_name(kind))] = entry_to_json(*entry);
    }
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
    const Json outer = Json::parse(file, nullptr, /*allow_exceptions=*/false);
    if (outer.is_discarded() || !outer.is_object())
        return Error{"manifest: is not a JSON object"};
    if (const std::string extra = json_members::first_unknown(outer, {"payload", "signature"}); !extra.empty())
        return Error{"manifest." + extra + ": unknown member"};
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

    // Signed by the publisher: now it is worth parsing, still strictly.
    return parse_payload(payload);
}

Result<Manifest> parse_payload(std::string_view payload)
{
    const Json json = Json::parse(payload, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object())
        return Error{"manifest payload: is not a JSON object"};
    if (const std::string extra =
            json_members::first_unknown(json, {"format", "sequence", "issued_at", "expires_at", "catalogue", "config", "release"});
        !extra.empty())
        return Error{"manifest payload." + extra + ": unknown member"};
    auto format = LOTSEN_TRY(read_integer(json, "manifest payload", "format", 0));
    if (format != k_format)
        return Error{"manifest payload.format: " + std::to_string(format) + " is not a format this kiosk reads (1)"};
    Manifest manifest;
    manifest.sequence = LOTSEN_TRY(read_integer(json, "manifest payload", "sequence", 1));
    manifest.issued_at = LOTSEN_TRY(read_integer(json, "manifest payload", "issued_at", 0));
    manifest.expires_at = LOTSEN_TRY(read_integer(json, "manifest payload", "expires_at", 0));
    if (manifest.expires_at <= manifest.issued_at)
        return Error{"manifest payload.expires_at: is not after issued_at"};
    for (Kind kind : {Kind::catalogue, Kind::config, Kind::release}) {
        const std::string name(kind_name(kind));
        if (!json.contains(name))
            continue;
        auto entry = LOTSEN_TRY(entry_from_json(json[name], "manifest payload." + name));
        switch (kind) {
        case Kind::catalogue: manifest.catalogue = std::move(entry); break;
        case Kind::config: manifest.config = std::move(entry); break;
        case Kind::release: manifest.release = std::move(entry); break;
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
    const std::pair<const std::optional<Entry>*, std::pair<const char*, std::int64_t>> checks[] = {
        {&manifest.catalogue, {"catalogue", seen.catalogue_version}},
        {&manifest.config, {"config", seen.config_version}},
        {&manifest.release, {"release", seen.release_version}},
    };
    for (const auto& [entry, accepted] : checks) {
        if (*entry && (*entry)->version < accepted.second) {
            return Error{std::string("manifest ") + accepted.first + " version " + std::to_string((*entry)->version) +
                         " is older than the " + std::to_string(accepted.second) + " already accepted: refused (no rollback)"};
        }
    }
    return success();
}

}  // namespace lotsen::manifest
