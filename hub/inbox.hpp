// inbox.hpp — the contact requests as an operator reads them (`lotsen-hub inbox`): opens each sealed
// box with the hub's secret sealing key, checks that the event id and receipt code sealed inside are
// the ones it arrived with (a box moved onto another request's row is a problem, and its contents are
// neither shown nor trusted), lists them per association, and marks them handled.
//
// Privacy. Plaintext exists only while one request is printed: it is decrypted into a buffer, copied
// into an OpenedRequest whose destructor wipes it, and both are wiped (sodium_memzero) right after.
// Best effort: the JSON parser's own temporary buffers cannot be reached to be wiped.
#pragma once

#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"
#include "hub/keys.hpp"
#include "core/catalogue/model.hpp"
#include "core/base/result.hpp"

#include <cstdio>
#include <optional>
#include <string>

namespace lotsen::hub {

/// What the inbox lists.
struct InboxOptions {
    std::optional<std::string> organisation_id;  ///< only this association's requests
    bool open_only = false;                      ///< only requests not yet handled
    const Catalogue* catalogue = nullptr;        ///< for association and activity names
};

/// What print_inbox() showed.
struct InboxSummary {
    std::size_t shown = 0;
    std::size_t open = 0;
    std::size_t problems = 0;  ///< boxes that did not open or did not match their row
};

/// One opened contact request. Its destructor wipes every field.
struct OpenedRequest {
    OpenedRequest() = default;
    OpenedRequest(const OpenedRequest&) = delete;
    OpenedRequest& operator=(const OpenedRequest&) = delete;
    ~OpenedRequest();

    std::string event_id;
    std::string receipt_code;
    std::string organisation_id;
    std::string activity_id;
    std::string name;
    std::string channel;  ///< phone, email, meet_here
    std::string reach;
    std::string preferred_language;
    std::int64_t created_at = 0;
};

/// Opens `request.sealed` into `out` and checks it against the row; the error says what is wrong
/// (never the contents).
Result<void> open_request(const ContactRequestRecord& request, const SealKeyPair& keys, OpenedRequest& out);

/// Prints the requests per association to `out`.
Result<InboxSummary> print_inbox(HubStore& store, const SealKeyPair& keys, const InboxOptions& options, std::FILE* out);

/// Marks the request with this event id or receipt code handled at `now`; says what it did. A receipt
/// code shared by several requests is refused with their event ids.
Result<std::string> mark_request_handled(HubStore& store, const std::string& key, UnixSeconds now);

}  // namespace lotsen::hub
