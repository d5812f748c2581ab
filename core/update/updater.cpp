// updater.cpp — the update thread: when to check (on time, on demand, sooner after a failure), one
// check (manifest → verify → freshness → each newer entry → download with resume → verify → hand
// over), the state file, and the libcurl plumbing (one easy handle for the life of the thread).
//
// Threads. The owner's thread calls check_now(), status(), take_ready(), accepted(), refused(),
// not_applied() and stop(); the curl handle and the downloads live on the update thread. Shared state is under
// m_mutex; the state file is written under m_persist_mutex only, so a slow fsync on an SD card never
// holds up a frame that asks for status. curl's progress callback reads the atomic m_abort.
#include "core/update/updater.hpp"
#include "core/base/file.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "core/time/civil_time.hpp"
#include "core/release/release_manager.hpp"
#include "core/storage/store.hpp"
#include "core/base/text_checks.hpp"
#include "core/url/url.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lotsen {

namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr int k_state_format = 1;
constexpr std::size_t k_max_state_bytes = 256 << 10;   // the manifest (64 KiB) and a little more
constexpr std::size_t k_max_error_body_bytes = 4 << 10;  // of a refused file request, for the message

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
        text.remove_suffix(1);
    return std::string(text);
}

std::string base_url(std::string_view url)
{
    while (!url.empty() && url.back() == '/')
        url.remove_suffix(1);
    return std::string(url);
}

int kind_index(manifest::Kind kind)
{
    return static_cast<int>(kind);
}

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

// A key for an entry within one run (m_mismatched).
std::string entry_key(manifest::Kind kind, const manifest::Entry& entry)
{
    return std::string(manifest::kind_name(kind)) + " " + std::to_string(entry.version) + " " + protocol::to_hex(entry.sha256);
}

// Adds `refusal` to the state's list (once per entry, newest last, at most k_max_remembered_refusals).
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

// Forgets refusals of versions at or below the accepted one of their kind: those are never wanted again.
void forget_superseded_refusals(UpdateState& state)
{
    std::erase_if(state.refused, [&](const RememberedRefusal& r) { return r.version <= accepted_version(state.seen, r.kind); });
}

}  // namespace

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

// One member of "refused"; `where` is "state.json: refused[2]".
Result<RememberedRefusal> decode_remembered_refusal(const Json& json, const std::string& where)
{
    if (!json.is_object())
        return Error{where + ": not an object"};
    for (const auto& [key, value] : json.items()) {
        if (key != "kind" && key != "version" && key != "sha256" && key != "at" && key != "reason")
            return Error{where + "." + key + ": unknown member"};
    }
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
    return refusal;
}

}  // namespace

Result<UpdateState> decode_update_state(std::string_view text, std::string_view source)
{
    const std::string where(source);
    if (text.size() > k_max_state_bytes)
        return Error{where + ": larger than " + std::to_string(k_max_state_bytes) + " bytes"};
    const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object())
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
    for (const auto& [key, value] : json.items()) {
        static constexpr std::string_view k_members[] = {"format",         "sequence",        "catalogue_version",
                                                         "config_version", "release_version", "catalogue_name",
                                                         "config_name",    "release_name",    "etag",
                                                         "manifest",       "refused"};
        if (std::find(std::begin(k_members), std::end(k_members), key) == std::end(k_members))
            return Error{where + ": " + key + ": unknown member"};
    }
    std::int64_t format = 0;
    LOTSEN_TRY(integer("format", format));
    if (format != k_state_format)
        return Error{where + ": format " + std::to_string(format) + " is not one this kiosk reads (1)"};
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
            auto refusal = decode_remembered_refusal((*refused)[i], where + ": refused[" + std::to_string(i) + "]");
            if (!refusal)
                return refusal.error();
            state.refused.push_back(std::move(refusal).value());
        }
    }
    return state;
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
    return decode_update_state(text.str(), path);
}

Result<void> save_update_state(const std::string& path, const UpdateState& state)
{
    return write_file_atomically(path, encode_update_state(state));
}

namespace {

std::optional<std::uint64_t> file_size(const std::string& path)
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode))
        return std::nullopt;
    return static_cast<std::uint64_t>(info.st_size);
}

// Feeds the first `bytes` of `fd` (from offset 0) into `hash`; false on a read error or short file.
bool hash_prefix(int fd, std::uint64_t bytes, crypto_hash_sha256_state& hash)
{
    std::vector<unsigned char> buffer(64 << 10);
    std::uint64_t offset = 0;
    while (offset < bytes) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), bytes - offset));
        const ssize_t n = ::pread(fd, buffer.data(), want, static_cast<off_t>(offset));
        if (n <= 0)
            return false;
        crypto_hash_sha256_update(&hash, buffer.data(), static_cast<unsigned long long>(n));
        offset += static_cast<std::uint64_t>(n);
    }
    return true;
}

// The SHA-256 of a whole file of `size` bytes; nullopt when it cannot be read or is another size.
std::optional<protocol::Sha256> hash_file(const std::string& path, std::uint64_t size)
{
    if (file_size(path) != size)
        return std::nullopt;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    crypto_hash_sha256_state hash;
    crypto_hash_sha256_init(&hash);
    const bool read = hash_prefix(fd, size, hash);
    ::close(fd);
    if (!read)
        return std::nullopt;
    protocol::Sha256 digest{};
    crypto_hash_sha256_final(&hash, digest.data());
    return digest;
}

}  // namespace

Result<KioskConfig> load_with_config_overlay(const KioskConfig& local, const std::string& data_dir)
{
    const std::string path = update_paths(data_dir).config_overlay;
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return local;
    std::ostringstream text;
    text << file.rdbuf();
    return apply_kiosk_config_overlay(local, text.str(), path);
}

// ---------------------------------------------------------------------------------------------
// Pure decisions.

DownloadPlan plan_download(std::uint64_t have, std::uint64_t size)
{
    if (have > size)
        return DownloadPlan{true, false, 0};
    if (have == size && size > 0)
        return DownloadPlan{false, true, 0};
    return DownloadPlan{false, false, have};
}

ResumeAction resume_action(long status, std::uint64_t requested_from, std::optional<std::uint64_t> range_start)
{
    if (status == 200)
        return ResumeAction::restart;  // a server without Range support (or a fresh request) sends it all
    if (status == 206) {
        // Only the bytes asked for may be appended; a 206 to a request without Range, or from
        // elsewhere, cannot be stitched onto what is on disk.
        if (requested_from > 0 && range_start == requested_from)
            return ResumeAction::append;
        return ResumeAction::start_over;
    }
    if (status == 416)
        return ResumeAction::start_over;  // the file changed under the partial one
    return ResumeAction::fail;
}

std::optional<std::uint64_t> parse_content_range_start(std::string_view value)
{
    const std::string text = trim(value);
    std::string_view rest = text;
    if (rest.size() < 6 || lower(rest.substr(0, 6)) != "bytes ")
        return std::nullopt;
    rest.remove_prefix(6);
    std::uint64_t start = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), start);
    if (ec != std::errc{} || end == rest.data() || end == rest.data() + rest.size() || *end != '-')
        return std::nullopt;
    return start;
}

std::uint64_t max_download_bytes(manifest::Kind kind)
{
    switch (kind) {
    case manifest::Kind::catalogue: return CatalogueLimits{}.max_file_bytes;
    case manifest::Kind::config: return 1u << 20;
    case manifest::Kind::release: return std::uint64_t{512} << 20;
    }
    return 0;
}

bool config_needs_restart(const KioskConfig& before, const KioskConfig& after)
{
    // The window and the UiScale are made from [screen] before the app exists, and the language bar
    // and string tables from kiosk.languages: a restart is simpler and safer than rebuilding them live.
    return before.screen_width != after.screen_width || before.screen_height != after.screen_height ||
           before.fullscreen != after.fullscreen || before.screen_diagonal_inches != after.screen_diagonal_inches ||
           before.languages != after.languages;
}

// ---------------------------------------------------------------------------------------------
// Applying.

Result<Catalogue> read_catalogue_update(const ReadyUpdate& update)
{
    CatalogueParseResult parsed = load_catalogue_file(update.path);
    if (!parsed.ok())
        return Error{entry_label(update.kind, update.entry) + " does not parse; the current catalogue stays:\n" +
                     parsed.summary()};
    // The signed manifest's version is the one the fleet counts by (rollback checks, heartbeats).
    parsed.catalogue->version = update.entry.version;
    return std::move(*parsed.catalogue);
}

Result<void> store_catalogue_update(Store& store, const Catalogue& catalogue, const ReadyUpdate& update, std::int64_t now)
{
    if (auto replaced = store.replace_catalogue(catalogue, now); !replaced)
        return Error{entry_label(update.kind, update.entry) + " could not be stored; the current catalogue stays: " +
                     replaced.error().text()};
    return success();
}

Result<void> apply_catalogue_update(Store& store, const ReadyUpdate& update, std::int64_t now)
{
    auto catalogue = read_catalogue_update(update);
    if (!catalogue)
        return catalogue.error();
    return store_catalogue_update(store, catalogue.value(), update, now);
}

Result<ConfigUpdate> read_config_update(const KioskConfig& local, const KioskConfig& running, const ReadyUpdate& update)
{
    std::ifstream file(update.path, std::ios::binary);
    if (!file)
        return Error{update.path + ": cannot read the downloaded config"};
    std::ostringstream text;
    text << file.rdbuf();
    ConfigUpdate result;
    result.text = text.str();
    const std::string source = "published " + entry_label(update.kind, update.entry);
    auto config = apply_kiosk_config_overlay(local, result.text, source);
    if (!config)
        return Error{config.error().text() + " (refused; the current configuration stays)"};
    result.config = std::move(config).value();
    result.needs_restart = config_needs_restart(running, result.config);
    return result;
}

// ---------------------------------------------------------------------------------------------
// libcurl plumbing, on the update thread only.

struct Updater::Curl {
    CURL* handle = nullptr;
    char error_buffer[CURL_ERROR_SIZE] = {};
    std::string etag;           ///< of the last reply
    std::string content_range;  ///< of the last reply

    // Where a body goes: a bounded string (the manifest, error bodies) or a partial file.
    std::string body;
    std::size_t body_limit = 0;
    bool body_too_large = false;

    int file = -1;                   ///< the partial file, opened for writing; -1 = body to the string
    std::uint64_t requested_from = 0;
    std::uint64_t file_bytes = 0;    ///< bytes in the partial file (those already there, then appended)
    std::uint64_t file_limit = 0;    ///< the entry's size: never more than this is accepted
    crypto_hash_sha256_state hash{};  ///< of the partial file's bytes so far
    std::optional<ResumeAction> action;  ///< decided at the first body byte
    bool overflow = false;           ///< the hub sent more than the entry's size
    bool write_failed = false;

    ~Curl()
    {
        if (handle)
            curl_easy_cleanup(handle);
    }

    void reset_reply()
    {
        etag.clear();
        content_range.clear();
        body.clear();
        body_too_large = false;
        action.reset();
        overflow = false;
        write_failed = false;
        error_buffer[0] = '\0';
    }

    std::size_t to_string(const char* data, std::size_t bytes)
    {
        if (body.size() + bytes > body_limit) {
            body_too_large = true;
            return 0;  // aborts the transfer
        }
        body.append(data, bytes);
        return bytes;
    }

    std::size_t to_file(const char* data, std::size_t bytes)
    {
        if (!action) {
            long status = 0;
            curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
            action = resume_action(status, requested_from, parse_content_range_start(content_range));
            if (*action == ResumeAction::restart) {
                // The whole file comes: what is on disk goes.
                if (::ftruncate(file, 0) != 0 || ::lseek(file, 0, SEEK_SET) != 0) {
                    write_failed = true;
                    return 0;
                }
                file_bytes = 0;
                crypto_hash_sha256_init(&hash);
            }
        }
        if (*action == ResumeAction::fail) {
            body_limit = k_max_error_body_bytes;  // keep a little of it for the message
            const std::size_t kept = std::min(bytes, body_limit - std::min(body.size(), body_limit));
            body.append(data, kept);
            return bytes;
        }
        if (*action == ResumeAction::start_over)
            return 0;  // nothing of this reply is written; the caller asks again from zero
        if (file_bytes + bytes > file_limit) {
            overflow = true;  // never accept more than the signed size
            return 0;
        }
        std::size_t done = 0;
        while (done < bytes) {
            const ssize_t n = ::write(file, data + done, bytes - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                write_failed = true;
                return 0;
            }
            done += static_cast<std::size_t>(n);
        }
        crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char*>(data), bytes);
        file_bytes += bytes;
        return bytes;
    }

    static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user)
    {
        auto* self = static_cast<Curl*>(user);
        const std::size_t bytes = size * count;
        return self->file >= 0 ? self->to_file(data, bytes) : self->to_string(data, bytes);
    }

    static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user)
    {
        auto* self = static_cast<Curl*>(user);
        const std::size_t bytes = size * count;
        const std::string_view line(data, bytes);
        if (line.starts_with("HTTP/")) {
            // A new reply's headers (after a 100 Continue, say): forget the previous ones.
            self->etag.clear();
            self->content_range.clear();
        }
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos) {
            const std::string name = lower(trim(line.substr(0, colon)));
            if (name == "etag")
                self->etag = trim(line.substr(colon + 1));
            else if (name == "content-range")
                self->content_range = trim(line.substr(colon + 1));
        }
        return bytes;
    }

    static int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
    {
        // Called at least once a second, also while connecting: non-zero aborts the request.
        return static_cast<std::atomic<bool>*>(user)->load() ? 1 : 0;
    }
};

namespace {

// curl_global_init is not thread-safe in every libcurl: once, before any handle (create() runs on
// the owner's thread, like the uploader's).
bool curl_ready()
{
    static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    return ready;
}

// What one check came to, for the scheduling: failed = try again sooner (the network or the disk).
struct CheckOutcome {
    bool failed = false;
    std::string error;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// One update session: everything that lives on the update thread.

class Updater::Session {
public:
    explicit Session(Updater& owner) : m_owner(owner) {}

    /// One whole check: the manifest, then every entry it lists that is newer than accepted.
    CheckOutcome check()
    {
        if (auto ready = open_curl(); !ready)
            return CheckOutcome{true, ready.error().text()};
        std::string etag;
        std::string cached;
        {
            std::lock_guard lock(m_owner.m_mutex);
            cached = m_owner.m_state.manifest;
            // Without the manifest it names, an ETag is worthless: a 304 would say nothing.
            if (!cached.empty())
                etag = m_owner.m_state.etag;
        }
        auto fetched = fetch_manifest(etag);
        if (!fetched)
            return CheckOutcome{true, fetched.error().text()};
        if (!fetched.value()) {
            std::lock_guard lock(m_owner.m_mutex);
            ++m_owner.m_status.not_modified;
        }
        const bool modified = fetched.value().has_value();
        const std::string file = modified ? fetched.value()->first : cached;
        if (file.empty())
            return {};  // the hub has published nothing yet

        auto verified = manifest::verify(file, m_owner.m_options.publisher_key);
        if (!verified) {
            m_owner.refuse(verified.error().text() + "; the current state stays");
            return {};
        }
        const manifest::Manifest manifest = std::move(verified).value();
        manifest::Seen seen;
        {
            std::lock_guard lock(m_owner.m_mutex);
            seen = m_owner.m_state.seen;
        }
        if (auto fresh = manifest::check_freshness(manifest, seen, m_owner.now()); !fresh) {
            m_owner.refuse(fresh.error().text());
            return {};
        }
        if (modified) {
            {
                std::lock_guard lock(m_owner.m_mutex);
                m_owner.m_state.seen.sequence = std::max(m_owner.m_state.seen.sequence, manifest.sequence);
                m_owner.m_state.etag = fetched.value()->second;
                m_owner.m_state.manifest = file;
                m_owner.m_status.manifest_sequence = m_owner.m_state.seen.sequence;
            }
            if (auto saved = m_owner.persist(); !saved)
                return CheckOutcome{true, saved.error().text()};
        }

        CheckOutcome outcome;
        for (manifest::Kind kind : {manifest::Kind::catalogue, manifest::Kind::config, manifest::Kind::release}) {
            if (m_owner.m_abort.load())
                break;
            const auto& entry = manifest.entry(kind);
            if (!entry || !wanted(kind, *entry))
                continue;
            if (auto done = fetch_entry(kind, *entry); !done) {
                outcome.failed = true;
                outcome.error = done.error().text();
            }
        }
        clean_up(manifest);
        return outcome;
    }

private:
    Result<void> open_curl()
    {
        if (m_curl.handle)
            return success();
        if (!curl_ready())
            return Error{"updater: libcurl could not be initialised"};
        m_curl.handle = curl_easy_init();
        if (!m_curl.handle)
            return Error{"updater: libcurl could not create a handle"};
        CURL* h = m_curl.handle;
        const UpdaterOptions& o = m_owner.m_options;
        // Set once: the handle keeps its connection (and these options) between requests.
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we are not the main thread
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, o.low_speed_bytes_per_second);
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.low_speed_time.count()));
        curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // a hub's files are where the manifest says
        // Bytes as stored: a transparently decompressed body would not match the signed hash or size.
        curl_easy_setopt(h, CURLOPT_HTTP_CONTENT_DECODING, 0L);
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, m_curl.error_buffer);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Curl::on_body);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &m_curl);
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &Curl::on_header);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &m_curl);
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &Curl::on_progress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, &m_owner.m_abort);
        return success();
    }

    std::string transport_error(CURLcode rc) const
    {
        return m_curl.error_buffer[0] ? std::string(m_curl.error_buffer) : std::string(curl_easy_strerror(rc));
    }

    /// GETs the manifest: nullopt for 304, else its bytes and ETag. A missing manifest (404) is an
    /// empty file: nothing published yet.
    Result<std::optional<std::pair<std::string, std::string>>> fetch_manifest(const std::string& etag)
    {
        const std::string url = base_url(m_owner.m_options.url) + std::string(manifest::k_manifest_path);
        CURL* h = m_curl.handle;
        m_curl.reset_reply();
        m_curl.file = -1;
        m_curl.body_limit = manifest::k_max_manifest_bytes;
        curl_slist* headers = nullptr;
        if (!etag.empty())
            headers = curl_slist_append(headers, ("If-None-Match: " + etag).c_str());
        curl_easy_setopt(h, CURLOPT_URL, url.c_str());
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(h, CURLOPT_RANGE, nullptr);
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(m_owner.m_options.manifest_timeout.count()));
        const CURLcode rc = curl_easy_perform(h);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
        curl_slist_free_all(headers);
        if (m_curl.body_too_large) {
            m_owner.refuse("manifest: larger than the " + std::to_string(manifest::k_max_manifest_bytes) +
                           " bytes a manifest may have; the current state stays");
            return std::optional<std::pair<std::string, std::string>>{std::pair<std::string, std::string>{}};
        }
        if (rc != CURLE_OK)
            return Error{"manifest: " + transport_error(rc)};
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        if (status == 304)
            return std::optional<std::pair<std::string, std::string>>{};
        if (status == 404)
            return std::optional<std::pair<std::string, std::string>>{std::pair<std::string, std::string>{}};
        if (status != 200)
            return Error{"manifest: HTTP " + std::to_string(status) + " from " + url};
        return std::optional<std::pair<std::string, std::string>>{std::pair{std::move(m_curl.body), m_curl.etag}};
    }

    /// True when `entry` is newer than accepted, not already waiting for the UI, and not refused.
    bool wanted(manifest::Kind kind, const manifest::Entry& entry)
    {
        const std::pair<int, std::int64_t> key{kind_index(kind), entry.version};
        {
            std::lock_guard lock(m_owner.m_mutex);
            if (entry.version <= accepted_version(m_owner.m_state.seen, kind) || m_owner.m_refused.contains(key))
                return false;
            // Refused for what it is, in this run or before a restart: not downloaded again.
            for (const RememberedRefusal& refusal : m_owner.m_state.refused) {
                if (same_entry(refusal, kind, entry.version, entry.sha256))
                    return false;
            }
            for (const auto* list : {&m_owner.m_ready, &m_owner.m_handed_over}) {
                for (const ReadyUpdate& ready : *list) {
                    if (ready.kind == kind && ready.entry.version == entry.version)
                        return false;
                }
            }
        }
        if (kind == manifest::Kind::release) {
            // Only a kiosk with a release manager installs software; a version that failed its health
            // check is never tried again.
            if (!m_owner.m_options.releases || m_owner.m_options.releases->has_failed(entry.version))
                return false;
        }
        return true;
    }

    /// Downloads (or finds in ready/) and verifies `entry`, then hands it over. Refusals are
    /// recorded here; the error is for trouble worth retrying soon (network, disk).
    Result<void> fetch_entry(manifest::Kind kind, const manifest::Entry& entry)
    {
        const std::string label = entry_label(kind, entry);
        if (entry.size > max_download_bytes(kind)) {
            m_owner.refuse_for_good(kind, entry,
                                    label + ": " + std::to_string(entry.size) + " bytes is more than the " +
                                        std::to_string(max_download_bytes(kind)) + " a kiosk downloads; refused");
            return success();
        }
        const std::string ready_path = m_owner.m_paths.ready + "/" + entry.file;
        // A file verified before a restart need not come again; one that no longer matches is redone.
        if (hash_file(ready_path, entry.size) != entry.sha256) {
            std::error_code ec;
            fs::remove(ready_path, ec);
            LOTSEN_TRY(download(kind, entry, ready_path));
            if (!fs::exists(ready_path))
                return success();  // refused (already recorded)
        }
        ReadyUpdate update{kind, entry, ready_path};
        if (kind == manifest::Kind::release) {
            install_release(update);
            return success();
        }
        std::lock_guard lock(m_owner.m_mutex);
        m_owner.m_ready.push_back(std::move(update));
        return success();
    }

    /// Downloads `entry` into partial/ with resume, verifies it, and moves it to `ready_path`.
    Result<void> download(manifest::Kind kind, const manifest::Entry& entry, const std::string& ready_path)
    {
        const std::string label = entry_label(kind, entry);
        const std::string partial = m_owner.m_paths.partial + "/" + entry.file;
        // Twice at most: a partial file that turns out not to fit (416, a 206 from elsewhere, too
        // many bytes) is deleted and the whole file asked for once more, in the same check.
        for (int attempt = 0; attempt < 2; ++attempt) {
            const DownloadPlan plan = plan_download(file_size(partial).value_or(0), entry.size);
            if (plan.discard)
                ::unlink(partial.c_str());
            const int fd = ::open(partial.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
            if (fd < 0)
                return Error{partial + ": cannot open: " + errno_text()};
            m_curl.reset_reply();
            m_curl.file = fd;
            m_curl.requested_from = plan.complete ? entry.size : plan.from;
            m_curl.file_bytes = m_curl.requested_from;
            m_curl.file_limit = entry.size;
            crypto_hash_sha256_init(&m_curl.hash);
            bool fetched = plan.complete;
            CURLcode rc = CURLE_OK;
            if (!hash_prefix(fd, m_curl.requested_from, m_curl.hash)) {
                ::close(fd);
                ::unlink(partial.c_str());
                m_curl.file = -1;
                continue;  // unreadable: start over
            }
            if (!plan.complete) {
                ::lseek(fd, static_cast<off_t>(m_curl.requested_from), SEEK_SET);
                if (m_curl.requested_from > 0) {
                    std::lock_guard lock(m_owner.m_mutex);
                    ++m_owner.m_status.resumed;
                }
                const std::string url = base_url(m_owner.m_options.url) + std::string(manifest::k_files_prefix) + entry.file;
                const std::string range = std::to_string(m_curl.requested_from) + "-";
                CURL* h = m_curl.handle;
                curl_easy_setopt(h, CURLOPT_URL, url.c_str());
                curl_easy_setopt(h, CURLOPT_RANGE, m_curl.requested_from > 0 ? range.c_str() : nullptr);
                // No limit on a whole download (a slow link still finishes); a stalled one is dropped by
                // the low-speed limit and resumed at the next check.
                curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 0L);
                rc = curl_easy_perform(h);
                curl_easy_setopt(h, CURLOPT_RANGE, nullptr);
                fetched = rc == CURLE_OK;
            }
            // What was written stays on disk for the next attempt, so it must really be there.
            const bool synced = ::fsync(fd) == 0;
            ::close(fd);
            m_curl.file = -1;
            if (m_curl.write_failed || !synced)
                return Error{label + ": cannot write " + partial + ": " + errno_text()};
            if (m_curl.overflow || m_curl.action == ResumeAction::start_over) {
                ::unlink(partial.c_str());
                if (attempt == 0)
                    continue;
                if (m_curl.overflow) {
                    refuse_mismatch(kind, entry,
                                    label + ": the hub sent more than the " + std::to_string(entry.size) +
                                        " signed bytes; refused, the current " + std::string(manifest::kind_name(kind)) +
                                        " stays");
                    return success();
                }
                return Error{label + ": the hub does not resume the download consistently"};
            }
            if (m_curl.file_bytes == 0)
                ::unlink(partial.c_str());  // nothing to resume from: leave no empty file behind
            if (m_curl.action == ResumeAction::fail) {
                long status = 0;
                curl_easy_getinfo(m_curl.handle, CURLINFO_RESPONSE_CODE, &status);
                return Error{label + ": HTTP " + std::to_string(status) + " for " + entry.file};
            }
            if (!fetched) {
                if (m_owner.m_abort.load())
                    return Error{"stopped"};
                return Error{label + ": download stopped at " + std::to_string(m_curl.file_bytes) + " of " +
                             std::to_string(entry.size) + " bytes (" + transport_error(rc) +
                             "); it resumes from there at the next check"};
            }
            if (m_curl.file_bytes != entry.size) {
                ::unlink(partial.c_str());
                refuse_mismatch(kind, entry,
                                label + ": " + std::to_string(m_curl.file_bytes) + " bytes arrived, the manifest signed " +
                                    std::to_string(entry.size) + "; refused, the current " +
                                    std::string(manifest::kind_name(kind)) + " stays");
                return success();
            }
            protocol::Sha256 digest{};
            crypto_hash_sha256_final(&m_curl.hash, digest.data());
            if (digest != entry.sha256) {
                ::unlink(partial.c_str());
                refuse_mismatch(kind, entry,
                                label + ": SHA-256 of the download is " + protocol::to_hex(digest) +
                                    ", the manifest signed " + protocol::to_hex(entry.sha256) +
                                    "; refused and deleted, the current " + std::string(manifest::kind_name(kind)) +
                                    " stays");
                return success();
            }
            LOTSEN_TRY(durable_rename(partial, ready_path));
            std::lock_guard lock(m_owner.m_mutex);
            ++m_owner.m_status.downloads;
            return success();
        }
        return Error{label + ": could not be downloaded"};
    }

    /// The bytes served were not the signed file. Once may be a bad cache or proxy on the way, so the
    /// next check fetches it again; the same entry twice in one run is remembered as refused, so a
    /// source that keeps serving other bytes does not cost a whole download at every check.
    void refuse_mismatch(manifest::Kind kind, const manifest::Entry& entry, const std::string& reason)
    {
        bool again = false;
        {
            std::lock_guard lock(m_owner.m_mutex);
            again = !m_owner.m_mismatched.insert(entry_key(kind, entry)).second;
        }
        if (again)
            m_owner.refuse_for_good(kind, entry, reason + " (the second time for this file: it is not downloaded again)");
        else
            m_owner.refuse(reason + " (it is downloaded again at the next check)");
    }

    void install_release(const ReadyUpdate& update)
    {
        const std::string label = entry_label(update.kind, update.entry);
        auto installed = m_owner.m_options.releases->install_and_switch(update.path, update.entry.version, update.entry.name);
        std::error_code ec;
        fs::remove(update.path, ec);  // unpacked, or refused: the archive is not needed again
        if (!installed) {
            m_owner.refuse(label + ": " + installed.error().text() + "; refused, the current release stays");
            std::lock_guard lock(m_owner.m_mutex);
            m_owner.m_refused.insert({kind_index(update.kind), update.entry.version});
            return;
        }
        {
            std::lock_guard lock(m_owner.m_mutex);
            m_owner.m_state.seen.release_version = update.entry.version;
            m_owner.m_state.release_name = update.entry.name;
            forget_superseded_refusals(m_owner.m_state);
            m_owner.m_status.accepted = m_owner.m_state.seen;
            m_owner.m_status.release_name = update.entry.name;
            m_owner.m_status.restart_requested = true;
        }
        std::fprintf(stderr, "lotsen: %s installed; the kiosk restarts into it when nobody is using it\n",
                     label.c_str());
        if (auto saved = m_owner.persist(); !saved)
            std::fprintf(stderr, "lotsen: %s\n", saved.error().text().c_str());
    }

    /// Deletes partial and ready files the manifest no longer lists (and nobody is applying).
    void clean_up(const manifest::Manifest& manifest)
    {
        std::set<std::string> keep;
        for (manifest::Kind kind : {manifest::Kind::catalogue, manifest::Kind::config, manifest::Kind::release}) {
            if (const auto& entry = manifest.entry(kind))
                keep.insert(entry->file);
        }
        {
            std::lock_guard lock(m_owner.m_mutex);
            for (const auto* list : {&m_owner.m_ready, &m_owner.m_handed_over}) {
                for (const ReadyUpdate& ready : *list)
                    keep.insert(ready.entry.file);
            }
        }
        for (const std::string& dir : {m_owner.m_paths.partial, m_owner.m_paths.ready}) {
            std::error_code ec;
            for (const auto& item : fs::directory_iterator(dir, ec)) {
                if (!keep.contains(item.path().filename().string()))
                    fs::remove(item.path(), ec);
            }
        }
    }

    Updater& m_owner;
    Curl m_curl;
};

// ---------------------------------------------------------------------------------------------
// Updater

Updater::Updater(UpdaterOptions options, UpdateState state)
    : m_options(std::move(options))
    , m_paths(update_paths(m_options.data_dir))
    , m_state(std::move(state))
{
    m_status.accepted = m_state.seen;
    m_status.catalogue_name = m_state.catalogue_name;
    m_status.config_name = m_state.config_name;
    m_status.release_name = m_state.release_name;
    if (m_state.seen.sequence > 0)
        m_status.manifest_sequence = m_state.seen.sequence;
    // A refusal remembered from before a restart is still the newest one: admin and the heartbeat
    // keep showing it (nothing is downloaded again to refuse it anew).
    const auto newest = std::max_element(m_state.refused.begin(), m_state.refused.end(),
                                         [](const RememberedRefusal& a, const RememberedRefusal& b) { return a.at < b.at; });
    if (newest != m_state.refused.end())
        m_status.last_refusal = UpdateRefusal{newest->at, newest->reason};
}

Result<std::unique_ptr<Updater>> Updater::create(UpdaterOptions options)
{
    if (auto valid = validate_upstream_url(options.url); !valid)
        return Error{"updater: url \"" + options.url + "\": " + valid.error().text()};
    if (options.data_dir.empty())
        return Error{"updater: no data directory given"};
    if (std::all_of(options.publisher_key.begin(), options.publisher_key.end(), [](std::uint8_t b) { return b == 0; }))
        return Error{"updater: no publisher key: updates need [upstream] publisher_public_key"};
    if (options.interval.count() <= 0)
        return Error{"updater: the check interval must be positive"};
    const UpdatePaths paths = update_paths(options.data_dir);
    for (const std::string& dir : {paths.root, paths.partial, paths.ready}) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec)
            return Error{dir + ": cannot create: " + ec.message()};
    }
    auto state = load_update_state(paths.state);
    if (!state)
        return Error{state.error().text() + " (updates stay off until it is repaired or removed: an empty state "
                                             "would let an old manifest in again)"};
    if (!curl_ready())
        return Error{"updater: libcurl could not be initialised"};
    return std::unique_ptr<Updater>(new Updater(std::move(options), std::move(state).value()));
}

Updater::~Updater()
{
    stop();
}

void Updater::start()
{
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable() || m_stop_requested)
        return;
    m_status.running = true;
    m_thread = std::thread([this] { run(); });
}

void Updater::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop_requested = true;
    }
    m_abort.store(true);
    m_wake.notify_all();
    m_progress.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    std::lock_guard lock(m_mutex);
    m_status.running = false;
}

void Updater::check_now()
{
    {
        std::lock_guard lock(m_mutex);
        ++m_check_generation;
    }
    m_wake.notify_all();
}

bool Updater::check_and_wait(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    const std::uint64_t wanted = ++m_check_generation;
    m_wake.notify_all();
    return m_progress.wait_for(lock, timeout, [&] { return m_checked_generation >= wanted || m_stop_requested; }) &&
           m_checked_generation >= wanted;
}

UpdaterStatus Updater::status() const
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

std::vector<ReadyUpdate> Updater::take_ready()
{
    std::lock_guard lock(m_mutex);
    std::vector<ReadyUpdate> taken;
    taken.swap(m_ready);
    m_handed_over.insert(m_handed_over.end(), taken.begin(), taken.end());
    return taken;
}

Result<void> Updater::accepted(const ReadyUpdate& update)
{
    {
        std::lock_guard lock(m_mutex);
        std::erase_if(m_handed_over, [&](const ReadyUpdate& r) { return r.kind == update.kind && r.entry.version == update.entry.version; });
        manifest::Seen& seen = m_state.seen;
        // Never lower: an older file applied after a newer one (it cannot, but) must not reopen rollback.
        if (update.kind == manifest::Kind::catalogue && update.entry.version > seen.catalogue_version) {
            seen.catalogue_version = update.entry.version;
            m_state.catalogue_name = update.entry.name;
        } else if (update.kind == manifest::Kind::config && update.entry.version > seen.config_version) {
            seen.config_version = update.entry.version;
            m_state.config_name = update.entry.name;
        }
        forget_superseded_refusals(m_state);
        m_status.accepted = seen;
        m_status.catalogue_name = m_state.catalogue_name;
        m_status.config_name = m_state.config_name;
    }
    std::error_code ec;
    fs::remove(update.path, ec);
    std::fprintf(stderr, "lotsen: %s applied\n", entry_label(update.kind, update.entry).c_str());
    return persist();
}

void Updater::drop_handed_over(const ReadyUpdate& update)
{
    {
        std::lock_guard lock(m_mutex);
        std::erase_if(m_handed_over, [&](const ReadyUpdate& r) { return r.kind == update.kind && r.entry.version == update.entry.version; });
    }
    std::error_code ec;
    fs::remove(update.path, ec);
}

void Updater::refused(const ReadyUpdate& update, const std::string& reason)
{
    drop_handed_over(update);
    refuse_for_good(update.kind, update.entry, reason);
}

void Updater::not_applied(const ReadyUpdate& update, const std::string& reason)
{
    drop_handed_over(update);
    {
        std::lock_guard lock(m_mutex);
        m_refused.insert({kind_index(update.kind), update.entry.version});
    }
    refuse(reason);
}

std::int64_t Updater::now() const
{
    return m_options.clock ? m_options.clock() : unix_now();
}

std::int64_t Updater::refuse(const std::string& reason)
{
    // The journal keeps every refusal; admin and the heartbeat show the newest.
    std::fprintf(stderr, "lotsen: update refused: %s\n", reason.c_str());
    const std::int64_t at = unix_now();
    std::lock_guard lock(m_mutex);
    m_status.last_refusal = UpdateRefusal{at, reason};
    return at;
}

void Updater::refuse_for_good(manifest::Kind kind, const manifest::Entry& entry, const std::string& reason)
{
    const std::int64_t at = refuse(reason);
    {
        std::lock_guard lock(m_mutex);
        remember_refusal(m_state, RememberedRefusal{kind, entry.version, entry.sha256, at, reason});
    }
    // Written at once: a restart before the next accepted update must not fetch this file again. Should
    // the write fail, the refusal still holds in memory until the kiosk restarts.
    if (auto saved = persist(); !saved)
        std::fprintf(stderr, "lotsen: %s\n", saved.error().text().c_str());
}

Result<void> Updater::persist()
{
    std::lock_guard persisting(m_persist_mutex);
    UpdateState state;
    {
        std::lock_guard lock(m_mutex);
        state = m_state;  // taken inside m_persist_mutex: the last writer writes the newest state
    }
    return save_update_state(m_paths.state, state);
}

void Updater::run()
{
    Session session(*this);
    Clock::time_point next_check = Clock::now();  // the first check at once
    int failures = 0;
    while (true) {
        std::uint64_t generation = 0;
        {
            std::lock_guard lock(m_mutex);
            if (m_stop_requested)
                break;
            generation = m_check_generation;
        }
        const CheckOutcome outcome = session.check();
        if (m_abort.load())
            break;
        failures = outcome.failed ? failures + 1 : 0;
        std::chrono::milliseconds delay = m_options.interval;
        if (outcome.failed) {
            // Sooner after a failure (a cut download resumes), doubling up to the normal interval.
            auto backoff = m_options.retry_base;
            for (int i = 1; i < failures && backoff < m_options.interval; ++i)
                backoff *= 2;
            delay = std::min(delay, backoff);
        }
        next_check = Clock::now() + delay;
        {
            std::lock_guard lock(m_mutex);
            m_status.last_check_at = unix_now();
            m_status.last_error = outcome.error;
            ++m_status.checks;
            m_checked_generation = std::max(m_checked_generation, generation);
        }
        m_progress.notify_all();

        std::unique_lock lock(m_mutex);
        m_wake.wait_until(lock, next_check, [&] { return m_stop_requested || m_check_generation != generation; });
    }
    std::lock_guard lock(m_mutex);
    m_status.running = false;
    m_progress.notify_all();
}

}  // namespace lotsen
