// event_payload.cpp — what visitors send, checked and packed: validation of check-ins and contact
// requests (messages name the field, never repeat what the visitor typed), the check-in JSON, the
// sealing of contact requests, and event ids and receipt codes (see event_payload.hpp, outbox.hpp).
#include "core/outbox/event_payload.hpp"

#include "core/base/text_checks.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <array>
#include <cassert>
#include <string>

namespace lotsen {

static_assert(std::tuple_size_v<HubPublicKey> == crypto_box_PUBLICKEYBYTES);

namespace {

using Json = nlohmann::json;

// Field limits a visitor's input must keep (docs: journey 4 asks for the least data that works).
constexpr std::size_t k_max_name_bytes = 60;
constexpr std::size_t k_min_phone_digits = 6;
constexpr std::size_t k_max_phone_digits = 15;  // E.164
constexpr std::size_t k_max_phone_bytes = 30;   // digits plus spaces, + and -
constexpr std::size_t k_max_email_bytes = 254;  // RFC 5321 path limit
constexpr std::size_t k_max_meet_here_bytes = 200;

// Receipt codes: 30 symbols, none of which can be mistaken for another when read aloud or copied
// by hand (no 0/O, no 1/I/L; no U, as in Crockford's base 32). 6 symbols ≈ 7·10^8 codes.
constexpr std::string_view k_receipt_alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int k_receipt_symbols = 6;

// ---------------------------------------------------------------------------------------------
// Validation.

bool has_control_character(std::string_view text)
{
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F)
            return true;
    }
    return false;
}

bool is_blank(std::string_view text)
{
    for (char c : text) {
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}

// What the visitor typed into a free-text field must be UTF-8 without control characters; the
// message names the field only.
Result<void> check_free_text(std::string_view text, std::string_view field)
{
    if (find_invalid_utf8(text) != std::string_view::npos)
        return Error{"contact request: " + std::string(field) + " is not valid UTF-8; nothing was stored"};
    if (has_control_character(text))
        return Error{"contact request: " + std::string(field) + " contains a control character; nothing was stored"};
    return success();
}

Result<void> check_phone(std::string_view phone)
{
    std::size_t digits = 0;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c == '+') {
            if (digits != 0)
                return Error{"contact request: phone number has a '+' after its first digit; '+' may only "
                             "start the number; nothing was stored"};
        } else if (c != ' ' && c != '-') {
            return Error{"contact request: phone number may only hold digits, spaces, '+' and '-'; "
                         "nothing was stored"};
        }
    }
    if (digits < k_min_phone_digits || digits > k_max_phone_digits || phone.size() > k_max_phone_bytes) {
        return Error{"contact request: phone number has " + std::to_string(digits) + " digits; it needs "
                     + std::to_string(k_min_phone_digits) + " to " + std::to_string(k_max_phone_digits)
                     + "; nothing was stored"};
    }
    return success();
}

// A shape check, not a deliverability check: one '@' with something before it, and a domain of at
// least two non-empty dot-separated labels, without spaces.
Result<void> check_email(std::string_view email)
{
    const Error bad{"contact request: e-mail address does not look like name@example.se; nothing was stored"};
    if (email.size() > k_max_email_bytes)
        return Error{"contact request: e-mail address is " + std::to_string(email.size())
                     + " bytes long; at most " + std::to_string(k_max_email_bytes) + " are allowed; nothing was stored"};
    LOTSEN_TRY(check_free_text(email, "e-mail address"));
    const std::size_t at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
        return bad;
    if (email.find(' ') != std::string_view::npos)
        return bad;
    const std::string_view domain = email.substr(at + 1);
    if (domain.empty() || domain.front() == '.' || domain.back() == '.' || domain.find('.') == std::string_view::npos
        || domain.find("..") != std::string_view::npos)
        return bad;
    return success();
}

std::string_view channel_name(ContactChannel channel)
{
    switch (channel) {
    case ContactChannel::phone: return "phone";
    case ContactChannel::email: return "email";
    case ContactChannel::meet_here: return "meet_here";
    }
    return {};
}

std::string_view how_heard_name(HowHeard how)
{
    switch (how) {
    case HowHeard::kiosk: return "kiosk";
    case HowHeard::friend_or_family: return "friend_or_family";
    case HowHeard::healthcare: return "healthcare";
    case HowHeard::social_services: return "social_services";
    case HowHeard::other: return "other";
    }
    return {};
}

std::string_view mood_name(Mood mood)
{
    switch (mood) {
    case Mood::heavy: return "heavy";
    case Mood::low: return "low";
    case Mood::okay: return "okay";
    case Mood::good: return "good";
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// Payloads.

// Appends `text` as a JSON string. Input is validated UTF-8, so only '"', '\\' and control
// characters need escaping.
void append_json_string(std::string& out, std::string_view text)
{
    static constexpr char k_hex[] = "0123456789abcdef";
    out += '"';
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            out += "\\u00";
            out += k_hex[byte >> 4];
            out += k_hex[byte & 0xF];
        } else {
            out += c;
        }
    }
    out += '"';
}

// Wipes a string's bytes when it goes out of scope, whichever way the function is left.
class WipeOnExit {
public:
    explicit WipeOnExit(std::string& text) : m_text(text) {}
    WipeOnExit(const WipeOnExit&) = delete;
    WipeOnExit& operator=(const WipeOnExit&) = delete;
    ~WipeOnExit() { sodium_memzero(m_text.data(), m_text.size()); }

private:
    std::string& m_text;
};

// The contact request's plaintext, written by hand into one buffer reserved up front: built with
// nlohmann, copies of the name and address would be left behind, unwiped, in freed temporaries and
// in the buffers a growing string abandons. The event id and receipt code are sealed too, so the
// hub can check that the clear-text columns belong to this box.
void write_contact_plaintext(std::string& out, const ContactRequest& request, std::string_view event_id,
                             std::string_view receipt_code, UnixSeconds created_at)
{
    out += "{\"format\":1,\"event_id\":";
    append_json_string(out, event_id);
    out += ",\"receipt_code\":";
    append_json_string(out, receipt_code);
    out += ",\"created_at\":";
    out += std::to_string(created_at);
    out += ",\"organisation_id\":";
    append_json_string(out, request.organisation_id);
    out += ",\"activity_id\":";
    append_json_string(out, request.activity_id);
    out += ",\"name\":";
    append_json_string(out, request.name);
    out += ",\"channel\":";
    append_json_string(out, channel_name(request.channel));
    out += ",\"reach\":";
    append_json_string(out, request.reach);
    out += ",\"preferred_language\":";
    append_json_string(out, request.preferred_language);
    out += ",\"consent\":true}";
}

// Room for the plaintext without reallocating: fixed text, plus every field escaped at worst
// (a control character becomes six bytes).
std::size_t contact_plaintext_capacity(const ContactRequest& request)
{
    constexpr std::size_t k_fixed = 512;  // keys, punctuation, UUID, code, timestamp, channel name
    return k_fixed + 6 * (request.organisation_id.size() + request.activity_id.size() + request.name.size()
                          + request.reach.size() + request.preferred_language.size());
}

}  // namespace


std::vector<std::uint8_t> checkin_payload(const CheckIn& checkin)
{
    Json json = {{"activity_id", checkin.activity_id}};
    if (!checkin.organisation_id.empty())
        json["organisation_id"] = checkin.organisation_id;
    if (checkin.first_visit)
        json["first_visit"] = *checkin.first_visit;
    if (checkin.how_heard)
        json["how_heard"] = how_heard_name(*checkin.how_heard);
    if (checkin.mood)
        json["mood"] = mood_name(*checkin.mood);
    const std::string text = json.dump();
    return {text.begin(), text.end()};
}

Result<std::vector<std::uint8_t>> seal_contact_request(const ContactRequest& request, const HubPublicKey& hub_key,
                                                       std::string_view event_id, std::string_view receipt_code,
                                                       UnixSeconds created_at)
{
    std::vector<std::uint8_t> sealed;
    std::string plaintext;
    WipeOnExit wipe(plaintext);  // declared after `plaintext`, so it runs before the buffer is freed
    plaintext.reserve(contact_plaintext_capacity(request));
    [[maybe_unused]] const std::size_t capacity = plaintext.capacity();
    write_contact_plaintext(plaintext, request, event_id, receipt_code, created_at);
    assert(plaintext.capacity() == capacity);  // never reallocated: no unwiped copy was left behind

    sealed.resize(crypto_box_SEALBYTES + plaintext.size());
    const int rc = crypto_box_seal(sealed.data(), reinterpret_cast<const unsigned char*>(plaintext.data()),
                                   plaintext.size(), hub_key.data());
    if (rc != 0) {
        return Error{"contact request: sealing failed: [upstream] hub_public_key is not a usable X25519 "
                     "public key; nothing was stored"};
    }
    return sealed;
}

// ---------------------------------------------------------------------------------------------
// Validation and ids.

Result<void> validate_checkin(const CheckIn& checkin)
{
    if (!is_catalogue_id(checkin.activity_id)) {
        return Error{"check-in: activity id " + quote_for_message(checkin.activity_id)
                     + " is not a catalogue id (1-64 of a-z, 0-9, '-'); nothing was stored"};
    }
    if (!checkin.organisation_id.empty() && !is_catalogue_id(checkin.organisation_id)) {
        return Error{"check-in: organisation id " + quote_for_message(checkin.organisation_id)
                     + " is not a catalogue id (1-64 of a-z, 0-9, '-'); nothing was stored"};
    }
    if (checkin.how_heard && how_heard_name(*checkin.how_heard).empty())
        return Error{"check-in: how_heard has an unknown value; nothing was stored"};
    if (checkin.mood && mood_name(*checkin.mood).empty())
        return Error{"check-in: mood has an unknown value; nothing was stored"};
    return success();
}

Result<void> validate_missed_wish(const MissedWish& wish)
{
    if (wish.interest.empty() && !wish.weekday && !wish.day_part)
        return Error{"wish: says neither an interest, a weekday nor a part of the day; nothing was stored"};
    if (!wish.interest.empty() && !is_catalogue_id(wish.interest)) {
        return Error{"wish: interest " + quote_for_message(wish.interest)
                     + " is not a catalogue id (1-64 of a-z, 0-9, '-'); nothing was stored"};
    }
    if (wish.weekday && weekday_wire_name(*wish.weekday).empty())
        return Error{"wish: weekday " + std::to_string(*wish.weekday) + " is not 0 (Monday) to 6 (Sunday); nothing was stored"};
    if (wish.day_part && day_part_wire_name(*wish.day_part).empty())
        return Error{"wish: day part has an unknown value; nothing was stored"};
    if (!wish.language.empty() && !is_language_code(wish.language))
        return Error{"wish: language " + quote_for_message(wish.language) + " is not a language code; nothing was stored"};
    return success();
}

std::string_view weekday_wire_name(int weekday)
{
    static constexpr std::string_view k_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    return weekday >= 0 && weekday < 7 ? k_names[weekday] : std::string_view{};
}

std::string_view day_part_wire_name(DayPart part)
{
    switch (part) {
    case DayPart::morning: return "morning";
    case DayPart::afternoon: return "afternoon";
    case DayPart::evening: return "evening";
    }
    return {};
}

std::vector<std::uint8_t> missed_payload(const MissedWish& wish)
{
    Json json = Json::object();
    if (!wish.interest.empty())
        json["interest"] = wish.interest;
    if (wish.weekday)
        json["weekday"] = weekday_wire_name(*wish.weekday);
    if (wish.day_part)
        json["day_part"] = day_part_wire_name(*wish.day_part);
    if (!wish.language.empty())
        json["language"] = wish.language;
    const std::string text = json.dump();
    return {text.begin(), text.end()};
}

Result<void> validate_contact_request(const ContactRequest& request)
{
    // Ids and the language come from the catalogue and the UI, not from the visitor: quoting them
    // helps find the bug. Everything the visitor typed is described, never repeated.
    if (!is_catalogue_id(request.organisation_id)) {
        return Error{"contact request: organisation id " + quote_for_message(request.organisation_id)
                     + " is not a catalogue id (1-64 of a-z, 0-9, '-'); nothing was stored"};
    }
    if (!request.activity_id.empty() && !is_catalogue_id(request.activity_id)) {
        return Error{"contact request: activity id " + quote_for_message(request.activity_id)
                     + " is not a catalogue id (1-64 of a-z, 0-9, '-'); nothing was stored"};
    }
    if (!is_language_code(request.preferred_language)) {
        return Error{"contact request: preferred language " + quote_for_message(request.preferred_language)
                     + " is not a language code such as \"sv\"; nothing was stored"};
    }
    if (!request.consent)
        return Error{"contact request: the visitor has not given consent; nothing was stored"};

    if (request.name.empty() || is_blank(request.name))
        return Error{"contact request: name is empty; a first name or nickname is needed; nothing was stored"};
    if (request.name.size() > k_max_name_bytes) {
        return Error{"contact request: name is " + std::to_string(request.name.size()) + " bytes long; at most "
                     + std::to_string(k_max_name_bytes) + " are allowed; nothing was stored"};
    }
    LOTSEN_TRY(check_free_text(request.name, "name"));

    switch (request.channel) {
    case ContactChannel::phone:
        return check_phone(request.reach);
    case ContactChannel::email:
        return check_email(request.reach);
    case ContactChannel::meet_here:
        if (request.reach.empty() || is_blank(request.reach))
            return Error{"contact request: \"meet me here\" text is empty; say when to meet; nothing was stored"};
        if (request.reach.size() > k_max_meet_here_bytes) {
            return Error{"contact request: \"meet me here\" text is " + std::to_string(request.reach.size())
                         + " bytes long; at most " + std::to_string(k_max_meet_here_bytes)
                         + " are allowed; nothing was stored"};
        }
        return check_free_text(request.reach, "\"meet me here\" text");
    }
    return Error{"contact request: the contact channel has an unknown value; nothing was stored"};
}

std::string make_uuid_v4()
{
    std::array<unsigned char, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // variant 10 (RFC 4122)
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string uuid;
    uuid.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            uuid += '-';
        uuid += k_hex[bytes[i] >> 4];
        uuid += k_hex[bytes[i] & 0xF];
    }
    return uuid;
}

std::string make_receipt_code()
{
    std::string code;
    code.reserve(k_receipt_symbols + 1);
    for (int i = 0; i < k_receipt_symbols; ++i) {
        if (i == k_receipt_symbols / 2)
            code += '-';
        code += k_receipt_alphabet[randombytes_uniform(static_cast<std::uint32_t>(k_receipt_alphabet.size()))];
    }
    return code;
}

}  // namespace lotsen
