// inbox.cpp — opening, checking and printing sealed contact requests (see inbox.hpp). Everything in
// a box was typed by a visitor and travelled over a network: it is printed with control characters
// replaced, so a request cannot drive the operator's terminal.
#include "hub/inbox.hpp"
#include "core/base/json_parse.hpp"

#include "hub/fleet.hpp"

#include "core/base/terminal_text.hpp"
#include "core/base/text_checks.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <vector>

namespace lotsen::hub {

namespace {

using Json = nlohmann::json;

void wipe(std::string& text)
{
    sodium_memzero(text.data(), text.size());
}

// Wipes every string inside a parsed document before it is freed.
void wipe_json(Json& json)
{
    if (json.is_string()) {
        wipe(json.get_ref<std::string&>());
    } else if (json.is_object() || json.is_array()) {
        for (auto& item : json)
            wipe_json(item);
    }
}

bool read_string_member(const Json& json, const char* name, std::string& out)
{
    const auto it = json.find(name);
    if (it == json.end() || !it->is_string())
        return false;
    out = it->get_ref<const std::string&>();
    return true;
}

// Prints untrusted text through the one escaping door (control characters and terminal escapes as \xNN).
void print_safe(std::FILE* out, std::string_view text)
{
    std::fputs(escape_for_terminal(text).c_str(), out);
}

std::string organisation_label(const Catalogue* catalogue, const std::string& id)
{
    if (catalogue) {
        if (const Organisation* organisation = catalogue->find_organisation(id))
            return std::string(organisation->name.get("sv")) + " (" + id + ")";
    }
    return id;
}

std::string activity_label(const Catalogue* catalogue, const std::string& id)
{
    if (id.empty())
        return "the association in general";
    if (catalogue) {
        for (const Activity& activity : catalogue->activities) {
            if (activity.id == id)
                return std::string(activity.title.get("sv")) + " (" + id + ")";
        }
    }
    return id;
}

}  // namespace

OpenedRequest::~OpenedRequest()
{
    for (std::string* field : {&event_id, &receipt_code, &organisation_id, &activity_id, &name, &channel, &reach,
                               &preferred_language})
        wipe(*field);
}

Result<void> open_request(const ContactRequestRecord& request, const SealKeyPair& keys, OpenedRequest& out)
{
    if (request.sealed.size() <= crypto_box_SEALBYTES)
        return Error{"the sealed box is too short to hold anything"};
    std::vector<std::uint8_t> plain(request.sealed.size() - crypto_box_SEALBYTES);
    if (crypto_box_seal_open(plain.data(), request.sealed.data(), request.sealed.size(), keys.public_key.data(),
                             keys.secret_key.data())
        != 0) {
        return Error{"the sealed box does not open with this key (sealed to another hub key, or damaged)"};
    }
    Json json = parse_json_or_null(std::string_view(reinterpret_cast<const char*>(plain.data()), plain.size()));
    sodium_memzero(plain.data(), plain.size());
    struct WipeJson {
        Json& json;
        ~WipeJson() { wipe_json(json); }
    } wipe_on_exit{json};
    if (!json.is_object())
        return Error{"the sealed box does not hold a JSON object"};
    if (const auto format = json.find("format"); format == json.end() || !format->is_number_integer() || *format != 1)
        return Error{"the sealed box is not contact request format 1"};
    if (!read_string_member(json, "event_id", out.event_id) || !read_string_member(json, "receipt_code", out.receipt_code))
        return Error{"the sealed box lacks event_id or receipt_code"};
    // The clear-text columns route and count the request; the sealed copy is what the kiosk wrote. A
    // mismatch means the box was moved onto another row: its contents cannot be attributed.
    if (out.event_id != request.event_id)
        return Error{"the sealed event id differs from the one the request arrived with; contents not trusted"};
    if (out.receipt_code != request.receipt_code)
        return Error{"the sealed receipt code differs from the one the request arrived with; contents not trusted"};
    if (!read_string_member(json, "organisation_id", out.organisation_id) || out.organisation_id != request.organisation_id)
        return Error{"the sealed association differs from the one the request arrived with; contents not trusted"};
    read_string_member(json, "activity_id", out.activity_id);
    if (!read_string_member(json, "name", out.name) || !read_string_member(json, "channel", out.channel)
        || !read_string_member(json, "reach", out.reach))
        return Error{"the sealed box lacks name, channel or reach"};
    read_string_member(json, "preferred_language", out.preferred_language);
    if (const auto created = json.find("created_at"); created != json.end() && created->is_number_integer())
        out.created_at = created->get<std::int64_t>();
    if (const auto consent = json.find("consent"); consent == json.end() || *consent != true)
        return Error{"the sealed box does not record the visitor's consent"};
    return success();
}

Result<InboxSummary> print_inbox(HubStore& store, const SealKeyPair& keys, const InboxOptions& options, std::FILE* out)
{
    const auto requests = LOTSEN_TRY(store.contact_requests(options.organisation_id));
    InboxSummary summary;
    std::string current_organisation;
    bool first = true;
    for (const ContactRequestRecord& request : requests) {
        if (options.open_only && request.handled_at)
            continue;
        if (first || request.organisation_id != current_organisation) {
            std::size_t total = 0;
            std::size_t open = 0;
            for (const ContactRequestRecord& other : requests) {
                if (other.organisation_id == request.organisation_id && (!options.open_only || !other.handled_at)) {
                    ++total;
                    open += other.handled_at ? 0 : 1;
                }
            }
            std::fprintf(out, "%s== ", first ? "" : "\n");
            print_safe(out, organisation_label(options.catalogue, request.organisation_id));
            std::fprintf(out, ": %zu request(s), %zu open\n", total, open);
            current_organisation = request.organisation_id;
            first = false;
        }
        ++summary.shown;
        summary.open += request.handled_at ? 0 : 1;
        std::fputs("  ", out);
        print_safe(out, request.receipt_code);
        std::fprintf(out, "  received %s  %s  event %s\n", format_local_time(request.received_at).c_str(),
                     request.handled_at ? ("handled " + format_local_time(*request.handled_at)).c_str() : "OPEN",
                     request.event_id.c_str());
        if (request.erased_at) {
            std::fprintf(out, "    personal data erased %s (retention)\n", format_local_time(*request.erased_at).c_str());
            continue;
        }
        OpenedRequest opened;
        if (auto ok = open_request(request, keys, opened); !ok) {
            ++summary.problems;
            std::fprintf(out, "    PROBLEM: %s\n", ok.error().text().c_str());
            continue;
        }
        std::fputs("    name      ", out);
        print_safe(out, opened.name);
        std::fputs("\n    reach     ", out);
        print_safe(out, opened.channel == "meet_here" ? std::string("meet here: ") : opened.channel + ": ");
        print_safe(out, opened.reach);
        std::fputs("\n    language  ", out);
        print_safe(out, opened.preferred_language.empty() ? std::string("?") : opened.preferred_language);
        std::fputs("\n    about     ", out);
        print_safe(out, activity_label(options.catalogue, opened.activity_id));
        std::fputc('\n', out);
    }
    if (summary.shown == 0)
        std::fputs(options.open_only ? "no open contact requests\n" : "no contact requests\n", out);
    std::fflush(out);
    return summary;
}

Result<std::string> mark_request_handled(HubStore& store, const std::string& key, UnixSeconds now)
{
    const auto ids = LOTSEN_TRY(store.find_contact_requests(key));
    if (ids.empty())
        return Error{"no contact request has the event id or receipt code " + in_quotes(key.substr(0, 64))};
    if (ids.size() > 1) {
        std::string list;
        for (const std::string& id : ids)
            list += (list.empty() ? "" : ", ") + id;
        return Error{"receipt code " + in_quotes(key) + " belongs to " + std::to_string(ids.size())
                     + " requests; name one by its event id: " + list};
    }
    const std::string& id = ids.front();
    const bool marked = LOTSEN_TRY(store.mark_handled(id, now));
    if (!marked)
        return "contact request " + id + " was already handled; left as it was";
    return "contact request " + id + " marked handled at " + format_local_time(now);
}

}  // namespace lotsen::hub
