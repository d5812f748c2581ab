// protocol.cpp — docs/protocol.md in code: encodings (base64, hex, SHA-256 via libsodium), the kiosk
// key file (made through core/base/file's create_file_durably), the signing string and Ed25519
// request signatures, the hub's signed time, the batch and reply JSON both ways, and Retry-After.
//
// Known members are checked strictly; members and event kinds this side does not know are not
// refused but deferred (docs/protocol.md, "How this format grows"), so a kiosk upgraded before its
// hub keeps its new events until the hub learns them, and nothing is silently dropped. Exceptions
// from nlohmann are never let out: parsing uses its no-throw form and typed accessors are checked first.
#include "core/wire/protocol.hpp"

#include "core/time/civil_time.hpp"
#include "core/base/file.hpp"
#include "core/base/json_members.hpp"
#include "core/base/json_parse.hpp"
#include "core/base/text_checks.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <limits>

namespace lotsen::protocol {

static_assert(sizeof(SigningPublicKey) == crypto_sign_PUBLICKEYBYTES);
static_assert(sizeof(SigningSecretKey) == crypto_sign_SECRETKEYBYTES);
static_assert(sizeof(Signature) == crypto_sign_BYTES);
static_assert(sizeof(Sha256) == crypto_hash_sha256_BYTES);

namespace {

using Json = nlohmann::json;

// Sealed boxes of a contact request: the plaintext is a few hundred bytes (the outbox caps every
// field), so anything near this is not one of ours.
constexpr std::size_t k_max_sealed_bytes = 16 << 10;

// Receipt codes: "XXX-XXX" over the alphabet of core/outbox/event_payload.cpp.
constexpr std::string_view k_receipt_alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// The 36-character lowercase form of a version 4 UUID, variant 10xx.
bool is_uuid_v4(std::string_view id)
{
    if (id.size() != 36)
        return false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash_position ? id[i] != '-' : !is_lower_hex(id[i]))
            return false;
    }
    return id[14] == '4' && (id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b');
}

bool is_receipt_code(std::string_view code)
{
    if (code.size() != 7 || code[3] != '-')
        return false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (i != 3 && k_receipt_alphabet.find(code[i]) == std::string_view::npos)
            return false;
    }
    return true;
}

// Unix seconds and HTTP delay-seconds: core/base's one reading of a decimal, within int64.
std::optional<std::int64_t> parse_decimal(std::string_view text)
{
    const auto value = decimal_u64(text);
    if (!value || *value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return std::nullopt;
    return static_cast<std::int64_t>(*value);
}

std::string member_path(std::string_view path, std::string_view member)
{
    std::string full(path);
    full += '.';
    full += member;
    return full;
}

// Typed member readers. Each returns an error naming the JSON path; `optional` members may be absent.
Result<std::int64_t> read_integer(const Json& object, std::string_view path, const char* member)
{
    const auto it = object.find(member);
    if (it == object.end())
        return Error{member_path(path, member) + ": missing"};
    if (!it->is_number_integer())
        return Error{member_path(path, member) + ": must be an integer"};
    return it->get<std::int64_t>();
}

Result<bool> read_bool(const Json& object, std::string_view path, const char* member)
{
    const auto it = object.find(member);
    if (it == object.end())
        return Error{member_path(path, member) + ": missing"};
    if (!it->is_boolean())
        return Error{member_path(path, member) + ": must be true or false"};
    return it->get<bool>();
}

Result<std::string> read_string(const Json& object, std::string_view path, const char* member)
{
    const auto it = object.find(member);
    if (it == object.end())
        return Error{member_path(path, member) + ": missing"};
    if (!it->is_string())
        return Error{member_path(path, member) + ": must be a string"};
    return it->get<std::string>();
}

Result<void> check_one_of(const Json& object, std::string_view path, const char* member,
                          std::initializer_list<std::string_view> values)
{
    const auto it = object.find(member);
    if (it == object.end())
        return success();
    std::string list;
    for (std::string_view value : values) {
        if (it->is_string() && it->get_ref<const std::string&>() == value)
            return success();
        list += list.empty() ? "" : ", ";
        list += value;
    }
    return Error{member_path(path, member) + ": " + (it->is_string() ? quote_for_message(it->get<std::string>()) : it->dump())
                 + " is not one of " + list};
}

// A member name as a JSON path shows it: plain names as they are, anything else (a name a client
// made up, with quotes or control characters) quoted and cut by quote_for_message, since paths
// end up in replies and logs.
std::string path_member(std::string_view name)
{
    const bool plain = !name.empty() && name.size() <= 64
                       && std::all_of(name.begin(), name.end(), [](char c) {
                              return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                                     || c == '-';
                          });
    return plain ? std::string(name) : quote_for_message(name);
}

// The path of the first member of `object` not in `known`; "" when every member is known.
std::string first_unknown_path(const Json& object, std::string_view path, std::initializer_list<std::string_view> known)
{
    const std::string extra = json_members::first_unknown(object, known);
    return extra.empty() ? std::string() : member_path(path, path_member(extra));
}

// A check-in's data. Known members are checked as always (an error rejects the event); the path of
// the first member this hub does not know goes to `unknown` (the event is then deferred).
Result<std::string> decode_checkin_data(const Json& data, std::string_view path, std::string& unknown)
{
    if (!data.is_object())
        return Error{std::string(path) + ": must be an object"};
    auto activity = LOTSEN_TRY(read_string(data, path, "activity_id"));
    if (!is_catalogue_id(activity))
        return Error{member_path(path, "activity_id") + ": " + quote_for_message(activity) + " is not a catalogue id"};
    if (data.contains("organisation_id")) {
        auto organisation = LOTSEN_TRY(read_string(data, path, "organisation_id"));
        if (!is_catalogue_id(organisation))
            return Error{member_path(path, "organisation_id") + ": " + quote_for_message(organisation)
                         + " is not a catalogue id"};
    }
    if (data.contains("first_visit") && !data["first_visit"].is_boolean())
        return Error{member_path(path, "first_visit") + ": must be true or false"};
    LOTSEN_TRY(check_one_of(data, path, "how_heard", {"kiosk", "friend_or_family", "healthcare", "social_services", "other"}));
    LOTSEN_TRY(check_one_of(data, path, "mood", {"heavy", "low", "okay", "good"}));
    unknown = first_unknown_path(data, path, {"activity_id", "organisation_id", "first_visit", "how_heard", "mood"});
    return data.dump();
}

// A wish's data ("missed", batch format 1.1): interest (catalogue id), weekday (mon … sun), day_part
// (morning, afternoon, evening), language (a language code); at least one of the first three. Like a
// check-in's, known members are checked and the first unknown one goes to `unknown`.
Result<std::string> decode_missed_data(const Json& data, std::string_view path, std::string& unknown)
{
    if (!data.is_object())
        return Error{std::string(path) + ": must be an object"};
    if (data.contains("interest")) {
        auto interest = LOTSEN_TRY(read_string(data, path, "interest"));
        if (!is_catalogue_id(interest))
            return Error{member_path(path, "interest") + ": " + quote_for_message(interest) + " is not a catalogue id"};
    }
    LOTSEN_TRY(check_one_of(data, path, "weekday", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}));
    LOTSEN_TRY(check_one_of(data, path, "day_part", {"morning", "afternoon", "evening"}));
    if (data.contains("language")) {
        auto language = LOTSEN_TRY(read_string(data, path, "language"));
        if (!is_language_code(language))
            return Error{member_path(path, "language") + ": " + quote_for_message(language) + " is not a language code"};
    }
    if (!data.contains("interest") && !data.contains("weekday") && !data.contains("day_part"))
        return Error{std::string(path) + ": names neither interest, weekday nor day_part"};
    unknown = first_unknown_path(data, path, {"interest", "weekday", "day_part", "language"});
    return data.dump();
}

// Where heartbeat data leaves its bounds of depth and member count; "" when it stays within them.
// Walked with a stack of its own (no recursion), never deeper than the depth bound and never past
// the count bound. The object itself is depth 1.
std::string heartbeat_shape_problem(const Json& data)
{
    std::vector<std::pair<const Json*, std::size_t>> containers{{&data, 1}};
    std::size_t values = 0;
    while (!containers.empty()) {
        const auto [container, depth] = containers.back();
        containers.pop_back();
        if (depth > k_max_heartbeat_depth)
            return "nested deeper than " + std::to_string(k_max_heartbeat_depth) + " levels of objects and arrays";
        for (const Json& child : *container) {
            if (++values > k_max_heartbeat_values)
                return "more than " + std::to_string(k_max_heartbeat_values) + " members and array elements in all";
            if (child.is_structured())
                containers.emplace_back(&child, depth + 1);
        }
    }
    return {};
}

// What a member of heartbeat data the hub reads must be.
enum class Expect { integer, string, object, strings };

Result<void> check_member_type(const Json& object, std::string_view path, const char* member, Expect expect)
{
    const auto it = object.find(member);
    if (it == object.end())
        return success();  // every member is optional: kiosks of older releases send fewer
    switch (expect) {
    case Expect::integer:
        if (it->is_number_integer())
            return success();
        return Error{member_path(path, member) + ": must be an integer"};
    case Expect::string:
        if (it->is_string())
            return success();
        return Error{member_path(path, member) + ": must be a string"};
    case Expect::object:
        if (it->is_object())
            return success();
        return Error{member_path(path, member) + ": must be an object"};
    case Expect::strings:
        if (it->is_array() && std::all_of(it->begin(), it->end(), [](const Json& item) { return item.is_string(); }))
            return success();
        return Error{member_path(path, member) + ": must be an array of strings"};
    }
    return success();
}

// Heartbeat data (docs/protocol.md, "Heartbeat data"): within its bounds, the members the hub reads
// (hub/fleet.cpp) of their types, and every other member kept as it came — a heartbeat grows with
// the kiosk, and deferring it would make a newer kiosk look silent.
Result<std::string> decode_heartbeat_data(const Json& data, std::string_view path)
{
    if (!data.is_object())
        return Error{std::string(path) + ": must be an object"};
    if (const std::string problem = heartbeat_shape_problem(data); !problem.empty())
        return Error{std::string(path) + ": " + problem + "; a heartbeat beyond its bounds is refused"};
    // Encoded only after the depth check: dump() recurses.
    std::string text = data.dump();
    if (text.size() > k_max_heartbeat_bytes) {
        return Error{std::string(path) + ": " + std::to_string(text.size()) + " bytes encoded; a heartbeat's data is at most "
                     + std::to_string(k_max_heartbeat_bytes)};
    }
    LOTSEN_TRY(check_member_type(data, path, "software_version", Expect::string));
    for (const char* member : {"catalogue_version", "uptime_s", "quarantined", "disk_free_bytes", "last_sync_at"})
        LOTSEN_TRY(check_member_type(data, path, member, Expect::integer));
    LOTSEN_TRY(check_member_type(data, path, "queue", Expect::object));
    if (const auto queue = data.find("queue"); queue != data.end()) {
        const std::string queue_path = member_path(path, "queue");
        for (const char* member : {"never_drop", "low_value", "deferred"})
            LOTSEN_TRY(check_member_type(*queue, queue_path, member, Expect::integer));
    }
    LOTSEN_TRY(check_member_type(data, path, "releases", Expect::object));
    if (const auto releases = data.find("releases"); releases != data.end()) {
        const std::string releases_path = member_path(path, "releases");
        LOTSEN_TRY(check_member_type(*releases, releases_path, "installed", Expect::strings));
        LOTSEN_TRY(check_member_type(*releases, releases_path, "running", Expect::string));
        LOTSEN_TRY(check_member_type(*releases, releases_path, "failed", Expect::strings));
    }
    LOTSEN_TRY(check_member_type(data, path, "update_refusal", Expect::object));
    if (const auto refusal = data.find("update_refusal"); refusal != data.end()) {
        const std::string refusal_path = member_path(path, "update_refusal");
        LOTSEN_TRY(check_member_type(*refusal, refusal_path, "at", Expect::integer));
        LOTSEN_TRY(check_member_type(*refusal, refusal_path, "reason", Expect::string));
    }
    return text;
}

// One event of a batch, decoded: the event, or why it is deferred.
struct DecodedEvent {
    WireEvent event;
    std::string deferred;  ///< not empty: a sound envelope, but a kind or member this hub does not know
};

// One event of a batch. The id is read first so that a rejection can name it; the envelope (id,
// kind, created_at, clock_synchronised) must be sound even for an event that is only deferred.
// Members beside a heartbeat's data that this hub does not know go to `ignored`.
Result<DecodedEvent> decode_event(const Json& item, const std::string& path, IgnoredMembers& ignored)
{
    if (!item.is_object())
        return Error{path + ": must be an object"};
    DecodedEvent decoded;
    WireEvent& event = decoded.event;
    auto id = LOTSEN_TRY(read_string(item, path, "id"));
    if (!is_uuid_v4(id))
        return Error{path + ".id: " + quote_for_message(id) + " is not a lowercase UUID v4"};
    event.id = std::move(id);

    auto kind = LOTSEN_TRY(read_string(item, path, "kind"));
    event.created_at = LOTSEN_TRY(read_integer(item, path, "created_at"));
    event.clock_synchronised = LOTSEN_TRY(read_bool(item, path, "clock_synchronised"));

    std::string unknown;  // the first member this hub does not know: the event is deferred for it
    if (kind == "checkin") {
        event.kind = WireKind::checkin;
        unknown = first_unknown_path(item, path, {"id", "kind", "created_at", "clock_synchronised", "data"});
        const auto data = item.find("data");
        if (data == item.end())
            return Error{path + ".data: missing"};
        std::string unknown_in_data;
        event.data = LOTSEN_TRY(decode_checkin_data(*data, path + ".data", unknown_in_data));
        if (unknown.empty())
            unknown = std::move(unknown_in_data);
    } else if (kind == "missed") {
        event.kind = WireKind::missed;
        unknown = first_unknown_path(item, path, {"id", "kind", "created_at", "clock_synchronised", "data"});
        const auto data = item.find("data");
        if (data == item.end())
            return Error{path + ".data: missing"};
        std::string unknown_in_data;
        event.data = LOTSEN_TRY(decode_missed_data(*data, path + ".data", unknown_in_data));
        if (unknown.empty())
            unknown = std::move(unknown_in_data);
    } else if (kind == "heartbeat") {
        event.kind = WireKind::heartbeat;
        for (const auto& [key, value] : item.items()) {
            if (key != "id" && key != "kind" && key != "created_at" && key != "clock_synchronised" && key != "data")
                ignored.add(member_path(path, path_member(key)));
        }
        const auto data = item.find("data");
        if (data == item.end())
            return Error{path + ".data: missing"};
        event.data = LOTSEN_TRY(decode_heartbeat_data(*data, path + ".data"));
    } else if (kind == "contact_request") {
        event.kind = WireKind::contact_request;
        unknown = first_unknown_path(
            item, path, {"id", "kind", "created_at", "clock_synchronised", "organisation_id", "receipt_code", "sealed"});
        auto organisation = LOTSEN_TRY(read_string(item, path, "organisation_id"));
        if (!is_catalogue_id(organisation))
            return Error{path + ".organisation_id: " + quote_for_message(organisation) + " is not a catalogue id"};
        event.organisation_id = std::move(organisation);
        auto code = LOTSEN_TRY(read_string(item, path, "receipt_code"));
        if (!is_receipt_code(code))
            return Error{path + ".receipt_code: " + quote_for_message(code) + " is not a receipt code"};
        event.receipt_code = std::move(code);
        auto sealed_text = LOTSEN_TRY(read_string(item, path, "sealed"));
        auto sealed = LOTSEN_TRY(from_base64(sealed_text, path + ".sealed"));
        if (sealed.size() <= crypto_box_SEALBYTES || sealed.size() > k_max_sealed_bytes) {
            return Error{path + ".sealed: " + std::to_string(sealed.size()) + " bytes; a sealed contact request is "
                         + std::to_string(crypto_box_SEALBYTES + 1) + " to " + std::to_string(k_max_sealed_bytes)};
        }
        event.sealed = std::move(sealed);
    } else {
        decoded.deferred = path + ".kind: " + quote_for_message(kind)
                           + " is not a kind this hub knows (checkin, contact_request, heartbeat, missed)";
        return decoded;
    }
    if (!unknown.empty())
        decoded.deferred = unknown + ": a member this hub does not know";
    return decoded;
}

void append_json_string(std::string& out, std::string_view text) { out += Json(std::string(text)).dump(); }

// "rejected" and "deferred" of a reply: [{"id", "reason"}, …].
template <typename Note>
Json notes_to_json(const std::vector<Note>& notes)
{
    Json list = Json::array();
    for (const Note& note : notes)
        list.push_back({{"id", note.id}, {"reason", note.reason}});
    return list;
}

template <typename Note>
Result<std::vector<Note>> read_note_list(const Json& list, const std::string& path)
{
    if (!list.is_array())
        return Error{path + ": must be an array"};
    std::vector<Note> notes;
    notes.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json& item = list[i];
        const std::string item_path = path + "[" + std::to_string(i) + "]";
        if (!item.is_object())
            return Error{item_path + ": must be an object"};
        auto id = LOTSEN_TRY(read_string(item, item_path, "id"));
        auto reason = LOTSEN_TRY(read_string(item, item_path, "reason"));
        notes.push_back({std::move(id), std::move(reason)});
    }
    return notes;
}

Result<std::vector<std::string>> read_id_list(const Json& root, const char* member)
{
    const auto it = root.find(member);
    if (it == root.end() || !it->is_array())
        return Error{std::string("reply.") + member + ": missing or not an array"};
    std::vector<std::string> ids;
    ids.reserve(it->size());
    for (const Json& id : *it) {
        if (!id.is_string())
            return Error{std::string("reply.") + member + ": holds something other than a string"};
        ids.push_back(id.get<std::string>());
    }
    return ids;
}

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 §5.6.7 IMF-fixdate) → Unix seconds.
std::optional<std::int64_t> parse_imf_fixdate(std::string_view text)
{
    static constexpr std::string_view k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (text.size() != 29 || text[3] != ',' || text[4] != ' ' || text[7] != ' ' || text[11] != ' ' || text[16] != ' '
        || text[19] != ':' || text[22] != ':' || text[25] != ' ' || text.substr(26) != "GMT")
        return std::nullopt;
    const auto day = parse_decimal(text.substr(5, 2));
    const auto year = parse_decimal(text.substr(12, 4));
    const auto hour = parse_decimal(text.substr(17, 2));
    const auto minute = parse_decimal(text.substr(20, 2));
    const auto second = parse_decimal(text.substr(23, 2));
    int month = 0;
    for (int i = 0; i < 12; ++i) {
        if (text.substr(8, 3) == k_months[i])
            month = i + 1;
    }
    if (!day || !year || !hour || !minute || !second || month == 0 || *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;
    const std::string iso = std::string(text.substr(12, 4)) + "-" + (month < 10 ? "0" : "") + std::to_string(month) + "-"
                            + std::string(text.substr(5, 2));
    const auto date = Date::parse(iso);
    if (!date)
        return std::nullopt;
    return date->days_since_epoch() * 86400 + *hour * 3600 + *minute * 60 + *second;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Encodings.

std::string to_base64(std::span<const std::uint8_t> bytes)
{
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    text.resize(std::strlen(text.c_str()));
    return text;
}

Result<std::vector<std::uint8_t>> from_base64(std::string_view text, std::string_view what, std::size_t expected_size)
{
    std::vector<std::uint8_t> bytes(text.size() / 4 * 3 + 3);
    std::size_t length = 0;
    const char* end = nullptr;
    const int rc = sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length, &end,
                                     sodium_base64_VARIANT_ORIGINAL);
    if (rc != 0 || end != text.data() + text.size())
        return Error{std::string(what) + ": is not standard base64 (RFC 4648, with padding)"};
    bytes.resize(length);
    // Only the canonical spelling is accepted, so that one key has one text form (the signing string
    // and the hub's kiosk table compare texts).
    if (to_base64(bytes) != text)
        return Error{std::string(what) + ": is not canonical base64 (non-zero padding bits)"};
    if (expected_size > 0 && length != expected_size)
        return Error{std::string(what) + ": decodes to " + std::to_string(length) + " bytes, not " + std::to_string(expected_size)};
    return bytes;
}

std::string to_hex(std::span<const std::uint8_t> bytes)
{
    std::string text(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(text.data(), text.size(), bytes.data(), bytes.size());
    text.pop_back();
    return text;
}

Sha256 sha256(std::string_view bytes)
{
    Sha256 hash{};
    crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return hash;
}

// ---------------------------------------------------------------------------------------------
// Keys.

SigningKeyPair generate_signing_key_pair()
{
    SigningKeyPair keys;
    crypto_sign_keypair(keys.public_key.data(), keys.secret_key.data());
    return keys;
}

Result<SigningKeyPair> load_or_create_key_pair(const std::string& path)
{
    const std::string where = "key file " + in_quotes(path);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 && errno == ENOENT) {
        // Written under a temporary name and linked into place (create_file_durably): link() never
        // replaces an existing file, so two processes starting at once cannot end up with different
        // keys, and a power cut leaves either no key or a whole one.
        SigningKeyPair keys = generate_signing_key_pair();
        auto created = create_file_durably(
            path, std::string_view(reinterpret_cast<const char*>(keys.secret_key.data()), keys.secret_key.size()), 0600);
        if (!created) {
            sodium_memzero(keys.secret_key.data(), keys.secret_key.size());
            return Error{where + ": cannot create it: " + created.error().text()};
        }
        if (created.value())
            return keys;
        sodium_memzero(keys.secret_key.data(), keys.secret_key.size());
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);  // another process won the race
    }
    if (fd < 0)
        return Error{where + ": cannot open it: " + errno_text()};

    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return Error{where + ": is not a regular file"};
    }
    if ((info.st_mode & 077) != 0) {
        ::close(fd);
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
        return Error{where + ": others may read it (mode " + mode + "); a secret key must be mode 0600 (chmod 600)"};
    }
    SigningKeyPair keys;
    std::uint8_t extra = 0;
    const ssize_t got = ::read(fd, keys.secret_key.data(), keys.secret_key.size());
    const ssize_t more = ::read(fd, &extra, 1);
    ::close(fd);
    if (got != static_cast<ssize_t>(keys.secret_key.size()) || more != 0) {
        sodium_memzero(keys.secret_key.data(), keys.secret_key.size());
        return Error{where + ": is not a " + std::to_string(keys.secret_key.size())
                     + "-byte Ed25519 secret key; it was left as it is"};
    }
    // The file holds seed and public key; regenerating from the seed catches a damaged file.
    std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed{};
    crypto_sign_ed25519_sk_to_seed(seed.data(), keys.secret_key.data());
    SigningKeyPair derived;
    crypto_sign_seed_keypair(derived.public_key.data(), derived.secret_key.data(), seed.data());
    sodium_memzero(seed.data(), seed.size());
    if (sodium_memcmp(derived.secret_key.data(), keys.secret_key.data(), keys.secret_key.size()) != 0) {
        sodium_memzero(keys.secret_key.data(), keys.secret_key.size());
        return Error{where + ": is damaged (its public half does not match its seed); it was left as it is"};
    }
    return derived;
}

Result<KeyPairOpened> load_or_replace_key_pair(const std::string& path)
{
    auto loaded = load_or_create_key_pair(path);
    if (loaded)
        return KeyPairOpened{loaded.value(), {}, {}};
    // Damaged only when the file is a regular one this process can read: anything else (a folder, a
    // link, a file of another user) is a setup problem for staff, not something to replace.
    struct stat info {};
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    const bool regular = fd >= 0 && ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
    if (fd >= 0)
        ::close(fd);
    if (!regular)
        return loaded.error();
    std::string aside = LOTSEN_TRY(keep_aside(path));
    const SigningKeyPair keys = LOTSEN_TRY(load_or_create_key_pair(path));
    return KeyPairOpened{keys, std::move(aside), loaded.error().text()};
}

// ---------------------------------------------------------------------------------------------
// Signing.

std::string signing_string(std::string_view method, std::string_view path, std::int64_t timestamp,
                           std::string_view kiosk_key_base64, const Sha256& body_hash)
{
    std::string text = "LOTSEN-V1\n";
    text += method;
    text += '\n';
    text += path;
    text += '\n';
    text += std::to_string(timestamp);
    text += '\n';
    text += kiosk_key_base64;
    text += '\n';
    text += to_hex(body_hash);
    return text;
}

SignedHeaders sign_request(const SigningKeyPair& keys, std::string_view method, std::string_view path,
                           std::int64_t timestamp, std::string_view body)
{
    return sign_request(keys, method, path, timestamp, sha256(body));
}

SignedHeaders sign_request(const SigningKeyPair& keys, std::string_view method, std::string_view path,
                           std::int64_t timestamp, const Sha256& body_hash)
{
    SignedHeaders headers;
    headers.kiosk = to_base64(keys.public_key);
    headers.timestamp = std::to_string(timestamp);
    const std::string message = signing_string(method, path, timestamp, headers.kiosk, body_hash);
    Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), keys.secret_key.data());
    headers.signature = to_base64(signature);
    return headers;
}

Result<RequestAuth> parse_auth_headers(std::string_view kiosk, std::string_view timestamp, std::string_view signature)
{
    if (kiosk.empty())
        return Error{std::string(k_header_kiosk) + ": missing"};
    if (timestamp.empty())
        return Error{std::string(k_header_timestamp) + ": missing"};
    if (signature.empty())
        return Error{std::string(k_header_signature) + ": missing"};
    RequestAuth auth;
    auto key = LOTSEN_TRY(from_base64(kiosk, k_header_kiosk, auth.kiosk.size()));
    std::copy(key.begin(), key.end(), auth.kiosk.begin());
    const auto seconds = parse_decimal(timestamp);
    if (!seconds)
        return Error{std::string(k_header_timestamp) + ": " + quote_for_message(timestamp) + " is not Unix seconds"};
    auth.timestamp = *seconds;
    auto sig = LOTSEN_TRY(from_base64(signature, k_header_signature, auth.signature.size()));
    std::copy(sig.begin(), sig.end(), auth.signature.begin());
    return auth;
}

bool verify_request(const RequestAuth& auth, std::string_view method, std::string_view path, std::string_view body)
{
    const std::string message = signing_string(method, path, auth.timestamp, to_base64(auth.kiosk), sha256(body));
    return crypto_sign_verify_detached(auth.signature.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), auth.kiosk.data())
           == 0;
}

// ---------------------------------------------------------------------------------------------
// The hub's signed time.

namespace {

constexpr std::string_view k_hub_time_version = "v1";
constexpr std::string_view k_hub_time_domain = "lotsen-time-v1\n";

}  // namespace

std::string new_time_nonce()
{
    std::array<std::uint8_t, k_time_nonce_bytes> nonce{};
    randombytes_buf(nonce.data(), nonce.size());
    return to_base64(nonce);
}

std::string hub_time_message(std::int64_t seconds, std::string_view request_signature, std::string_view nonce)
{
    std::string message(k_hub_time_domain);
    message += std::to_string(seconds);
    message += '\n';
    message += request_signature;
    message += '\n';
    message += nonce;
    return message;
}

std::string sign_hub_time(const SigningKeyPair& time_key, std::int64_t seconds, std::string_view request_signature,
                          std::string_view nonce)
{
    if (!from_base64(request_signature, k_header_signature, sizeof(Signature)) || !from_base64(nonce, k_header_time_nonce, k_time_nonce_bytes))
        return {};
    const std::string message = hub_time_message(seconds, request_signature, nonce);
    Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         time_key.secret_key.data());
    return std::string(k_hub_time_version) + ' ' + std::to_string(seconds) + ' ' + to_base64(signature);
}

Result<std::int64_t> verify_hub_time(std::string_view header, const SigningPublicKey& time_key,
                                     std::string_view request_signature, std::string_view nonce)
{
    const std::string where = std::string(k_header_hub_time) + ": ";
    // Exactly three fields separated by single spaces: "v1 <seconds> <signature>".
    const std::size_t first = header.find(' ');
    const std::size_t second = first == std::string_view::npos ? first : header.find(' ', first + 1);
    if (second == std::string_view::npos || header.find(' ', second + 1) != std::string_view::npos)
        return Error{where + quote_for_message(header.substr(0, 120)) + " is not \"v1 SECONDS SIGNATURE\""};
    const std::string_view version = header.substr(0, first);
    const std::string_view seconds_text = header.substr(first + 1, second - first - 1);
    const std::string_view signature_text = header.substr(second + 1);
    if (version != k_hub_time_version)
        return Error{where + "version " + quote_for_message(version.substr(0, 20)) + " is not one this kiosk reads (v1)"};
    const auto seconds = parse_decimal(seconds_text);
    if (!seconds)
        return Error{where + quote_for_message(seconds_text.substr(0, 30)) + " is not Unix seconds"};
    auto signature = LOTSEN_TRY(from_base64(signature_text, k_header_hub_time, sizeof(Signature)));
    const std::string message = hub_time_message(*seconds, request_signature, nonce);
    if (crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                    time_key.data())
        != 0) {
        return Error{where + "the signature does not verify with hub_time_key for this request (another key, or a "
                             "reply to another request): the time is not used"};
    }
    return *seconds;
}

// ---------------------------------------------------------------------------------------------
// Batches.

std::string_view wire_kind_name(WireKind kind)
{
    switch (kind) {
    case WireKind::checkin: return "checkin";
    case WireKind::contact_request: return "contact_request";
    case WireKind::heartbeat: return "heartbeat";
    case WireKind::missed: return "missed";
    }
    return {};
}

std::string encode_batch(const Batch& batch)
{
    // Written by hand: `data` is already JSON text (validated by to_wire_event), and parsing it again
    // only to print it would double the cost of the uploader's largest job.
    // format_minor only when the batch uses what 1.1 added, so every other batch stays 1.0's bytes.
    const bool uses_minor_1 = std::any_of(batch.events.begin(), batch.events.end(),
                                          [](const WireEvent& event) { return event.kind == WireKind::missed; });
    std::string out = "{\"format\":" + std::to_string(k_format) + (uses_minor_1 ? ",\"format_minor\":1" : "")
                      + ",\"sent_at\":" + std::to_string(batch.sent_at) + ",\"clock_synchronised\":" + (batch.clock_synchronised ? "true" : "false") + ",\"events\":[";
    bool first = true;
    for (const WireEvent& event : batch.events) {
        out += first ? "{\"id\":" : ",{\"id\":";
        first = false;
        append_json_string(out, event.id);
        out += ",\"kind\":";
        append_json_string(out, wire_kind_name(event.kind));
        out += ",\"created_at\":" + std::to_string(event.created_at);
        out += event.clock_synchronised ? ",\"clock_synchronised\":true" : ",\"clock_synchronised\":false";
        if (event.kind == WireKind::contact_request) {
            out += ",\"organisation_id\":";
            append_json_string(out, event.organisation_id);
            out += ",\"receipt_code\":";
            append_json_string(out, event.receipt_code);
            out += ",\"sealed\":\"" + to_base64(event.sealed) + '"';
        } else {
            out += ",\"data\":";
            out += event.data.empty() ? "{}" : event.data;
        }
        out += '}';
    }
    out += "]}";
    return out;
}

Result<DecodedBatch> decode_batch(std::string_view json)
{
    if (find_invalid_utf8(json) != std::string_view::npos)
        return Error{"body: is not valid UTF-8"};
    // Depth-bounded: every later walk of the tree (dump() of an event among them) recurses per level.
    const Json root = LOTSEN_TRY(parse_json(json, "body"));
    if (!root.is_object())
        return Error{"body: must be a JSON object"};
    auto format = LOTSEN_TRY(read_integer(root, "body", "format"));
    if (format > k_format) {
        return Error{"body.format: batch format " + std::to_string(format) + " is newer than this hub reads ("
                     + std::to_string(k_format) + ".x); upgrade the hub before its kiosks"};
    }
    if (format != k_format)
        return Error{"body.format: " + std::to_string(format) + " is not a batch format; this hub reads format "
                     + std::to_string(k_format)};
    DecodedBatch decoded;
    decoded.format.major = format;
    if (root.contains("format_minor")) {
        const std::int64_t minor = LOTSEN_TRY(read_integer(root, "body", "format_minor"));
        if (minor < 0)
            return Error{"body.format_minor: " + std::to_string(minor) + " is below 0"};
        decoded.format.minor = minor;
    }
    // A newer minor may add members here; a kiosk is a signed machine, so they are ignored, not refused.
    for (const auto& [key, value] : root.items()) {
        if (key != "format" && key != "format_minor" && key != "sent_at" && key != "clock_synchronised" && key != "events")
            decoded.ignored.add("body." + path_member(key));
    }
    decoded.batch.sent_at = LOTSEN_TRY(read_integer(root, "body", "sent_at"));
    decoded.batch.clock_synchronised = LOTSEN_TRY(read_bool(root, "body", "clock_synchronised"));
    const auto events = root.find("events");
    if (events == root.end() || !events->is_array())
        return Error{"body.events: missing or not an array"};

    decoded.batch.events.reserve(events->size());
    for (std::size_t i = 0; i < events->size(); ++i) {
        const Json& item = (*events)[i];
        const std::string path = "events[" + std::to_string(i) + "]";
        std::string id;
        if (item.is_object() && item.contains("id") && item["id"].is_string())
            id = item["id"].get<std::string>();
        if (const std::size_t size = json_encoded_size(item); size > k_max_event_bytes) {
            decoded.rejected.push_back({id, path + ": " + std::to_string(size) + " bytes encoded; at most "
                                                + std::to_string(k_max_event_bytes) + " are accepted"});
            continue;
        }
        auto event = decode_event(item, path, decoded.ignored);
        if (!event) {
            decoded.rejected.push_back({id, event.error().text()});
            continue;
        }
        if (!event.value().deferred.empty()) {
            decoded.deferred.push_back({id, std::move(event.value().deferred)});
            continue;
        }
        decoded.batch.events.push_back(std::move(event.value().event));
    }
    return decoded;
}

// ---------------------------------------------------------------------------------------------
// Replies.

std::string encode_reply(const BatchReply& reply)
{
    Json json = {{"accepted", reply.accepted},
                 {"duplicate", reply.duplicate},
                 {"rejected", notes_to_json(reply.rejected)},
                 {"server_time", reply.server_time}};
    // Reply format 1.1; only when there is something to say, so every other reply stays 1.0's bytes.
    if (!reply.deferred.empty())
        json["deferred"] = notes_to_json(reply.deferred);
    return json.dump();
}

Result<BatchReply> decode_reply(std::string_view json)
{
    const Json root = LOTSEN_TRY(parse_json(json, "reply"));
    if (!root.is_object())
        return Error{"reply: is not a JSON object"};
    BatchReply reply;
    reply.accepted = LOTSEN_TRY(read_id_list(root, "accepted"));
    reply.duplicate = LOTSEN_TRY(read_id_list(root, "duplicate"));
    const auto rejected = root.find("rejected");
    if (rejected == root.end())
        return Error{"reply.rejected: missing or not an array"};
    reply.rejected = LOTSEN_TRY(read_note_list<EventRejection>(*rejected, "reply.rejected"));
    if (const auto deferred = root.find("deferred"); deferred != root.end())
        reply.deferred = LOTSEN_TRY(read_note_list<EventDeferral>(*deferred, "reply.deferred"));
    reply.server_time = LOTSEN_TRY(read_integer(root, "reply", "server_time"));
    return reply;
}

std::string encode_error_reply(const ErrorReply& reply)
{
    const Json json = {{"error", reply.error}, {"message", reply.message}, {"server_time", reply.server_time}};
    return json.dump();
}

Result<ErrorReply> decode_error_reply(std::string_view json)
{
    const Json root = LOTSEN_TRY(parse_json(json, "error reply"));
    if (!root.is_object())
        return Error{"error reply: is not a JSON object"};
    ErrorReply reply;
    reply.error = LOTSEN_TRY(read_string(root, "error reply", "error"));
    if (root.contains("message") && root["message"].is_string())
        reply.message = root["message"].get<std::string>();
    if (root.contains("server_time") && root["server_time"].is_number_integer())
        reply.server_time = root["server_time"].get<std::int64_t>();
    return reply;
}

std::optional<std::int64_t> parse_retry_after(std::string_view value, std::int64_t now)
{
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
    if (const auto seconds = parse_decimal(value))
        return *seconds;
    if (const auto date = parse_imf_fixdate(value))
        return *date > now ? *date - now : 0;
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// From the outbox.

Result<WireEvent> to_wire_event(const StoredEvent& stored)
{
    WireEvent event;
    event.id = stored.id;
    event.created_at = stored.created_at;
    event.clock_synchronised = stored.clock_synchronised;
    const std::string where = "outbox event " + stored.id;
    switch (stored.kind) {
    case EventKind::checkin:
    case EventKind::missed:
    case EventKind::heartbeat: {
        event.kind = stored.kind == EventKind::checkin ? WireKind::checkin
                     : stored.kind == EventKind::missed ? WireKind::missed
                                                         : WireKind::heartbeat;
        event.data.assign(stored.payload.begin(), stored.payload.end());
        // The payload was written by this program, but the file could have been damaged since; what is
        // sent must be one JSON object or the whole batch would be unreadable.
        if (!json_is_object(event.data))
            return Error{where + ": its stored payload is not a JSON object"};
        return event;
    }
    case EventKind::contact_request:
        event.kind = WireKind::contact_request;
        event.organisation_id = stored.organisation_id;
        event.receipt_code = stored.receipt_code;
        event.sealed = stored.payload;
        if (event.sealed.size() <= crypto_box_SEALBYTES)
            return Error{where + ": its sealed payload is too short to be a sealed box"};
        return event;
    }
    return Error{where + ": unknown kind " + std::to_string(static_cast<int>(stored.kind))};
}

}  // namespace lotsen::protocol
