// Ingest without HTTP: every rule of POST /v1/events in docs/protocol.md, and the store behind it.
#include "tests/hub/hub_test_support.hpp"

#include <algorithm>

namespace lotsen::hub::test {
namespace {

using Json = nlohmann::json;

protocol::WireEvent contact_request(const std::string& organisation)
{
    protocol::WireEvent event;
    event.id = make_uuid_v4();
    event.kind = protocol::WireKind::contact_request;
    event.created_at = k_now - 50;
    event.clock_synchronised = true;
    event.organisation_id = organisation;
    event.receipt_code = make_receipt_code();
    std::array<unsigned char, crypto_box_PUBLICKEYBYTES> pk{};
    std::array<unsigned char, crypto_box_SECRETKEYBYTES> sk{};
    crypto_box_keypair(pk.data(), sk.data());
    const std::string plain = R"({"format":1})";
    event.sealed.resize(plain.size() + crypto_box_SEALBYTES);
    crypto_box_seal(event.sealed.data(), reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), pk.data());
    return event;
}

Json body_of(const IngestResponse& response)
{
    return Json::parse(response.body);
}

class Ingest : public HubFixture {};

TEST_F(Ingest, AcceptsASignedBatchAndStoresEveryKind)
{
    const auto batch = batch_of({checkin("friluftsframjandet", "promenad", k_now - 100, true,
                                         {{"first_visit", true}, {"how_heard", "friend_or_family"}, {"mood", "okay"}}),
                                 checkin("", "schack", k_now - 90), contact_request("friluftsframjandet"),
                                 heartbeat(k_now - 10)});
    const IngestResponse response = send(signed_batch(batch));
    ASSERT_EQ(response.status, 200) << response.body;
    auto reply = protocol::decode_reply(response.body);
    ASSERT_TRUE(reply.ok()) << reply.error().text();
    EXPECT_EQ(reply.value().accepted.size(), 4u);
    EXPECT_TRUE(reply.value().duplicate.empty());
    EXPECT_TRUE(reply.value().rejected.empty());
    EXPECT_EQ(reply.value().server_time, k_now);
    const RowCounts after = counts();
    EXPECT_EQ(after.events, 4);
    EXPECT_EQ(after.contact_requests, 1);
    EXPECT_EQ(after.seen_signatures, 1);

    auto rows = store->checkins(0, k_now + 1);
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows.value().size(), 2u);
    const auto answered = std::find_if(rows.value().begin(), rows.value().end(),
                                       [](const CheckInRow& row) { return row.activity_id == "promenad"; });
    ASSERT_NE(answered, rows.value().end());
    EXPECT_EQ(answered->organisation_id, "friluftsframjandet");
    EXPECT_EQ(answered->first_visit, std::optional<bool>(true));
    EXPECT_EQ(answered->how_heard, "friend_or_family");
    EXPECT_EQ(answered->mood, "okay");
    auto requests = store->contact_requests(std::nullopt);
    ASSERT_TRUE(requests.ok());
    ASSERT_EQ(requests.value().size(), 1u);
    EXPECT_EQ(requests.value()[0].receipt_code, batch.events[2].receipt_code);
    EXPECT_EQ(requests.value()[0].sealed, batch.events[2].sealed);
    EXPECT_FALSE(requests.value()[0].handled_at.has_value());
    EXPECT_EQ(log_line(response).rfind("kiosk " + protocol::to_base64(kiosk.public_key).substr(0, 8) + " 200 accepted=4", 0), 0u)
        << log_line(response);
}

// docs/protocol.md, "The hub's signed time".
std::string header_of(const IngestResponse& response, const std::string& name)
{
    for (const auto& [key, value] : response.headers) {
        if (key == name)
            return value;
    }
    return {};
}

TEST_F(Ingest, EveryAnswerToARequestWithANonceCarriesTheSignedTime)
{
    const protocol::SigningKeyPair time_key = protocol::generate_signing_key_pair();
    IngestOptions options;
    options.time_key = &time_key;
    OwnedRequest good = signed_batch(batch_of({checkin("a", "x", k_now - 100)}));
    good.time_nonce = protocol::new_time_nonce();
    const IngestResponse accepted = send(good, k_now, options);
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    const auto time = protocol::verify_hub_time(header_of(accepted, protocol::k_header_hub_time), time_key.public_key,
                                                good.headers.signature, good.time_nonce);
    ASSERT_TRUE(time) << time.error().text();
    EXPECT_EQ(time.value(), k_now);

    // A kiosk 400 days ahead is refused as stale, and learns a time it can trust from that answer.
    OwnedRequest ahead = signed_batch(batch_of({checkin("a", "x", k_now - 100)}), k_now + 400 * 86400);
    ahead.time_nonce = protocol::new_time_nonce();
    const IngestResponse stale = send(ahead, k_now, options);
    ASSERT_EQ(stale.status, 401);
    const auto learnt = protocol::verify_hub_time(header_of(stale, protocol::k_header_hub_time), time_key.public_key,
                                                  ahead.headers.signature, ahead.time_nonce);
    ASSERT_TRUE(learnt) << learnt.error().text();
    EXPECT_EQ(learnt.value(), k_now);
}

TEST_F(Ingest, NoSignedTimeWithoutANonceOrATimeKey)
{
    const protocol::SigningKeyPair time_key = protocol::generate_signing_key_pair();
    IngestOptions options;
    options.time_key = &time_key;
    OwnedRequest without_nonce = signed_batch(batch_of({checkin("a", "x", k_now - 100)}));
    EXPECT_EQ(header_of(send(without_nonce, k_now, options), protocol::k_header_hub_time), "");
    OwnedRequest with_nonce = signed_batch(batch_of({checkin("a", "x", k_now - 90)}), k_now - 1);
    with_nonce.time_nonce = protocol::new_time_nonce();
    EXPECT_EQ(header_of(send(with_nonce), protocol::k_header_hub_time), "");  // an older hub: no key
    with_nonce.time_nonce = "not base64 !";
    EXPECT_EQ(header_of(send(with_nonce, k_now, options), protocol::k_header_hub_time), "");
}

TEST_F(Ingest, TheSameBatchTwiceIsReportedDuplicateAndStoredOnce)
{
    const auto batch = batch_of({checkin("a", "x", k_now - 100), contact_request("a")});
    ASSERT_EQ(send(signed_batch(batch, k_now)).status, 200);
    const RowCounts first = counts();
    // The kiosk retries with a fresh signature (a new timestamp), as after a lost reply.
    const IngestResponse again = send(signed_batch(batch, k_now + 5), k_now + 5);
    ASSERT_EQ(again.status, 200) << again.body;
    const Json reply = body_of(again);
    EXPECT_TRUE(reply["accepted"].empty());
    EXPECT_EQ(reply["duplicate"], Json::array({batch.events[0].id, batch.events[1].id}));
    const RowCounts second = counts();
    EXPECT_EQ(second.events, first.events);
    EXPECT_EQ(second.contact_requests, first.contact_requests);
}

TEST_F(Ingest, AnEventRepeatedInsideOneBatchIsADuplicate)
{
    const auto event = checkin("a", "x", k_now - 100);
    const IngestResponse response = send(signed_batch(batch_of({event, event})));
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(body_of(response)["accepted"], Json::array({event.id}));
    EXPECT_EQ(body_of(response)["duplicate"], Json::array({event.id}));
}

TEST_F(Ingest, UnknownKioskIsRefusedAndNothingStored)
{
    const RowCounts before = counts();
    const protocol::SigningKeyPair stranger = protocol::generate_signing_key_pair();
    const IngestResponse response =
        send(signed_body(protocol::encode_batch(batch_of({checkin("a", "x", k_now)})), k_now, &stranger));
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(body_of(response)["error"], "unknown_kiosk");
    EXPECT_TRUE(same_counts(counts(), before));
}

TEST_F(Ingest, RevokedKioskIsUnknown)
{
    ASSERT_TRUE(store->revoke_kiosk(protocol::to_base64(kiosk.public_key), k_now - 10).ok());
    const RowCounts before = counts();
    const IngestResponse response = send(signed_batch(batch_of({checkin("a", "x", k_now)})));
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(body_of(response)["error"], "unknown_kiosk");
    EXPECT_TRUE(same_counts(counts(), before));
}

TEST_F(Ingest, BadSignatureIsRefusedAndNothingStored)
{
    const RowCounts before = counts();
    OwnedRequest request = signed_batch(batch_of({checkin("a", "x", k_now)}));
    request.body = protocol::encode_batch(batch_of({checkin("a", "y", k_now)}));  // body changed after signing
    const IngestResponse response = send(request);
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(body_of(response)["error"], "bad_signature");
    EXPECT_TRUE(same_counts(counts(), before));

    OwnedRequest missing = signed_batch(batch_of({checkin("a", "x", k_now)}));
    missing.headers.signature.clear();
    const IngestResponse unsigned_response = send(missing);
    EXPECT_EQ(unsigned_response.status, 401);
    EXPECT_EQ(body_of(unsigned_response)["error"], "bad_signature");
    EXPECT_TRUE(same_counts(counts(), before));
}

TEST_F(Ingest, ReplayIsRefusedAndNothingMoreStored)
{
    const OwnedRequest request = signed_batch(batch_of({checkin("a", "x", k_now)}));
    ASSERT_EQ(send(request).status, 200);
    const RowCounts before = counts();
    const IngestResponse replayed = send(request, k_now + 30);
    EXPECT_EQ(replayed.status, 401);
    EXPECT_EQ(body_of(replayed)["error"], "replay");
    EXPECT_TRUE(same_counts(counts(), before));
}

TEST_F(Ingest, SignaturesAreForgottenAfterTwiceTheWindow)
{
    ASSERT_EQ(send(signed_batch(batch_of({checkin("a", "x", k_now)}), k_now), k_now).status, 200);
    EXPECT_EQ(counts().seen_signatures, 1);
    const UnixSeconds later = k_now + 2 * protocol::k_timestamp_window_seconds + 1;
    ASSERT_EQ(send(signed_batch(batch_of({checkin("a", "x", later)}), later), later).status, 200);
    EXPECT_EQ(counts().seen_signatures, 1);  // the first one was pruned in the second's transaction
}

TEST_F(Ingest, StaleTimestampIsRefusedEitherWayAndNothingStored)
{
    const RowCounts before = counts();
    for (const UnixSeconds timestamp : {k_now - 301, k_now + 301, k_now - 86400 * 3}) {
        const IngestResponse response = send(signed_batch(batch_of({checkin("a", "x", k_now)}), timestamp));
        EXPECT_EQ(response.status, 401) << timestamp;
        const Json body = body_of(response);
        EXPECT_EQ(body["error"], "stale_timestamp");
        EXPECT_EQ(body["server_time"], k_now);  // the kiosk learns its offset from this
    }
    EXPECT_TRUE(same_counts(counts(), before));
    EXPECT_EQ(send(signed_batch(batch_of({checkin("a", "x", k_now)}), k_now - 300)).status, 200);
}

TEST_F(Ingest, ABodyThatIsNotABatchIs400)
{
    const RowCounts before = counts();
    for (const std::string& body : {std::string("{not json"), std::string(R"({"format":2,"sent_at":1,"clock_synchronised":true,"events":[]})"),
                                   std::string(R"({"format":1,"sent_at":1,"clock_synchronised":true})")}) {
        const IngestResponse response = send(signed_body(body));
        EXPECT_EQ(response.status, 400) << body;
        EXPECT_EQ(body_of(response)["error"], "bad_request");
        EXPECT_FALSE(body_of(response)["message"].get<std::string>().empty());
    }
    EXPECT_TRUE(same_counts(counts(), before));
}

TEST_F(Ingest, MoreThanAThousandEventsIs413)
{
    std::vector<protocol::WireEvent> events;
    for (std::size_t i = 0; i <= protocol::k_max_events_per_batch; ++i)
        events.push_back(checkin("a", "x", k_now - 100));
    const RowCounts before = counts();
    const IngestResponse response = send(signed_batch(batch_of(events)));
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(body_of(response)["error"], "too_large");
    EXPECT_TRUE(same_counts(counts(), before));

    events.pop_back();  // exactly the limit is fine
    EXPECT_EQ(send(signed_batch(batch_of(events))).status, 200);
}

TEST_F(Ingest, AMalformedEventIsRejectedByIdAndTheRestStored)
{
    const auto good = checkin("a", "x", k_now - 100);
    const std::string bad_id = make_uuid_v4();
    Json body = Json::parse(protocol::encode_batch(batch_of({good})));
    body["events"].push_back({{"id", bad_id},
                              {"kind", "checkin"},
                              {"created_at", k_now - 100},
                              {"clock_synchronised", true},
                              {"data", {{"activity_id", "x"}, {"mood", "sad"}}}});
    const IngestResponse response = send(signed_body(body.dump()));
    ASSERT_EQ(response.status, 200) << response.body;
    const Json reply = body_of(response);
    EXPECT_EQ(reply["accepted"], Json::array({good.id}));
    ASSERT_EQ(reply["rejected"].size(), 1u);
    EXPECT_EQ(reply["rejected"][0]["id"], bad_id);
    EXPECT_NE(reply["rejected"][0]["reason"].get<std::string>().find("mood"), std::string::npos)
        << reply["rejected"][0]["reason"];
    EXPECT_EQ(counts().events, 1);
}

TEST_F(Ingest, UnsynchronisedClocksAreCorrectedBySentAt)
{
    // The kiosk clock is an hour behind: it sent the batch at what it thought was k_now - 3600.
    const UnixSeconds sent_at = k_now - 3600;
    auto unsynchronised = checkin("a", "drift", sent_at - 100, /*clock_synchronised=*/false);
    auto synchronised = checkin("a", "exact", k_now - 200, /*clock_synchronised=*/true);
    protocol::Batch batch = batch_of({unsynchronised, synchronised}, sent_at);
    batch.clock_synchronised = false;
    ASSERT_EQ(send(signed_batch(batch)).status, 200);
    auto rows = store->checkins(0, k_now + 1);
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows.value().size(), 2u);
    for (const CheckInRow& row : rows.value()) {
        if (row.activity_id == "drift")
            EXPECT_EQ(row.created_at_corrected, k_now - 100);  // created_at + (received_at - sent_at)
        else
            EXPECT_EQ(row.created_at_corrected, k_now - 200);  // a synchronised clock is trusted as is
    }
    auto kiosks = store->list_kiosks();
    ASSERT_TRUE(kiosks.ok());
    EXPECT_EQ(kiosks.value()[0].clock_skew_seconds, std::optional<std::int64_t>(3600));
}

TEST_F(Ingest, AHeartbeatUpdatesTheFleetRowAndAnOlderOneDoesNotOverwriteIt)
{
    ASSERT_EQ(send(signed_batch(batch_of({heartbeat(k_now - 10, "0.2.0")}))).status, 200);
    auto kiosks = store->list_kiosks();
    ASSERT_TRUE(kiosks.ok());
    ASSERT_EQ(kiosks.value().size(), 1u);
    const KioskRecord& row = kiosks.value()[0];
    EXPECT_EQ(row.last_seen_at, std::optional<UnixSeconds>(k_now));
    EXPECT_EQ(row.last_heartbeat_at, std::optional<UnixSeconds>(k_now - 10));
    ASSERT_TRUE(row.last_heartbeat.has_value());
    EXPECT_EQ(Json::parse(*row.last_heartbeat)["software_version"], "0.2.0");
    EXPECT_EQ(counts().events, 1);  // stored as an event too

    // A heartbeat from before, delivered late (a split batch), leaves the newer one in place.
    ASSERT_EQ(send(signed_batch(batch_of({heartbeat(k_now - 500, "0.1.0")}), k_now + 1), k_now + 1).status, 200);
    kiosks = store->list_kiosks();
    ASSERT_TRUE(kiosks.ok());
    EXPECT_EQ(Json::parse(*kiosks.value()[0].last_heartbeat)["software_version"], "0.2.0");
    EXPECT_EQ(kiosks.value()[0].last_seen_at, std::optional<UnixSeconds>(k_now + 1));
}

// Issue 13: what the hub does not know yet (a kind, a member) and the kinds its operator holds are
// answered as deferred: nothing of them is stored, the rest of the batch is, and once the hold is
// lifted the same event is stored exactly once.
TEST_F(Ingest, UnknownAndHeldKindsAreDeferredAndNothingOfThemIsStored)
{
    const auto known = contact_request("friluftsframjandet");
    const auto held = checkin("friluftsframjandet", "promenad", k_now - 100);
    const auto beat = heartbeat(k_now - 10);
    Json body = Json::parse(protocol::encode_batch(batch_of({known, held, beat})));
    const std::string unknown_id = make_uuid_v4();
    body["events"].push_back({{"id", unknown_id},
                              {"kind", "missed_activity"},
                              {"created_at", k_now - 100},
                              {"clock_synchronised", true},
                              {"data", {{"activity_id", "promenad"}}}});
    const RowCounts before = counts();

    IngestOptions options;
    options.held_kinds = {protocol::WireKind::checkin};
    const IngestResponse response = ingest_events(*store, signed_body(body.dump()).view(), k_now, options);
    ASSERT_EQ(response.status, 200) << response.body;
    auto reply = protocol::decode_reply(response.body);
    ASSERT_TRUE(reply.ok()) << reply.error().text();
    EXPECT_EQ(reply.value().accepted, (std::vector<std::string>{known.id, beat.id}));
    EXPECT_TRUE(reply.value().rejected.empty());
    EXPECT_TRUE(reply.value().duplicate.empty());
    ASSERT_EQ(reply.value().deferred.size(), 2u);
    EXPECT_EQ(reply.value().deferred[0].id, unknown_id);
    EXPECT_NE(reply.value().deferred[0].reason.find("\"missed_activity\" is not a kind this hub knows"), std::string::npos)
        << reply.value().deferred[0].reason;
    EXPECT_EQ(reply.value().deferred[1].id, held.id);
    EXPECT_EQ(reply.value().deferred[1].reason, held_reason(protocol::WireKind::checkin));
    EXPECT_NE(held_reason(protocol::WireKind::checkin).find("held by the operator"), std::string::npos);

    const RowCounts after = counts();
    EXPECT_EQ(after.events, before.events + 2);  // the contact request and the heartbeat
    EXPECT_EQ(after.contact_requests, before.contact_requests + 1);
    auto rows = store->checkins(0, k_now + 1);
    ASSERT_TRUE(rows.ok());
    EXPECT_TRUE(rows.value().empty());
    EXPECT_NE(log_line(response).find("accepted=2 duplicate=0 rejected=0 deferred=2"), std::string::npos) << log_line(response);

    // The hold lifted (the hub restarted without it): the kiosk offers the check-in again, once
    // accepted and stored; offered a third time, it is a duplicate. The unknown kind stays deferred.
    const OwnedRequest again = signed_body(body.dump(), k_now + 60);
    const IngestResponse lifted = ingest_events(*store, again.view(), k_now + 60);
    ASSERT_EQ(lifted.status, 200) << lifted.body;
    const Json lifted_reply = body_of(lifted);
    EXPECT_EQ(lifted_reply["accepted"], Json::array({held.id}));
    EXPECT_EQ(lifted_reply["duplicate"], Json::array({known.id, beat.id}));
    ASSERT_EQ(lifted_reply["deferred"].size(), 1u);
    EXPECT_EQ(lifted_reply["deferred"][0]["id"], unknown_id);
    const IngestResponse third = send(signed_body(body.dump(), k_now + 120), k_now + 120);
    EXPECT_EQ(body_of(third)["duplicate"], Json::array({known.id, held.id, beat.id}));
    rows = store->checkins(0, k_now + 1);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows.value().size(), 1u);
    EXPECT_EQ(counts().events, before.events + 3);
}

TEST_F(Ingest, AReplyWithNothingDeferredHasNoDeferredMember)
{
    const IngestResponse response = send(signed_batch(batch_of({checkin("a", "x", k_now - 100)})));
    ASSERT_EQ(response.status, 200);
    EXPECT_FALSE(body_of(response).contains("deferred"));
    EXPECT_EQ(log_line(response).find("deferred"), std::string::npos) << log_line(response);
}

// Issue 13: a newer kiosk's heartbeat is stored with the members this hub does not know, as they
// came, so `lotsen-hub fleet` sees it alive; beyond its bounds it is rejected by id.
TEST_F(Ingest, AHeartbeatWithNewMembersIsStoredAsItCame)
{
    protocol::WireEvent newer = heartbeat(k_now - 10, "0.4.0");
    Json data = Json::parse(newer.data);
    data["queue"]["deferred"] = 4;
    data["screen"] = {{"rotation", 90}, {"touch", {{"calibrated", true}}}};
    newer.data = data.dump();
    ASSERT_EQ(send(signed_batch(batch_of({newer}))).status, 200);
    auto kiosks = store->list_kiosks();
    ASSERT_TRUE(kiosks.ok());
    ASSERT_TRUE(kiosks.value()[0].last_heartbeat.has_value());
    EXPECT_EQ(Json::parse(*kiosks.value()[0].last_heartbeat), data);

    protocol::WireEvent huge = heartbeat(k_now - 5, "0.4.0");
    Json big = Json::parse(huge.data);
    big["log_tail"] = std::string(protocol::k_max_heartbeat_bytes, 'x');
    huge.data = big.dump();
    const IngestResponse response = send(signed_batch(batch_of({huge}), k_now + 1), k_now + 1);
    ASSERT_EQ(response.status, 200);
    const Json reply = body_of(response);
    ASSERT_EQ(reply["rejected"].size(), 1u);
    EXPECT_EQ(reply["rejected"][0]["id"], huge.id);
    EXPECT_NE(reply["rejected"][0]["reason"].get<std::string>().find("bytes encoded"), std::string::npos);
}

// Issue 13: any minor of batch format 1 is taken, its unknown top-level members ignored (and named
// in the request log); a newer major is a 400 naming the version.
TEST_F(Ingest, ANewerMinorIsTakenAndANewerMajorIs400ByName)
{
    const auto event = checkin("a", "x", k_now - 100);
    Json body = Json::parse(protocol::encode_batch(batch_of({event})));
    body["format_minor"] = 2;
    body["compression_hint"] = "zstd";
    const IngestResponse minor = send(signed_body(body.dump()));
    ASSERT_EQ(minor.status, 200) << minor.body;
    EXPECT_EQ(body_of(minor)["accepted"], Json::array({event.id}));
    EXPECT_NE(log_line(minor).find("ignored: body.compression_hint"), std::string::npos) << log_line(minor);

    body["format"] = 2;
    const IngestResponse major = send(signed_body(body.dump(), k_now + 1), k_now + 1);
    EXPECT_EQ(major.status, 400);
    EXPECT_NE(body_of(major)["message"].get<std::string>().find("batch format 2 is newer than this hub reads (1.x)"),
              std::string::npos)
        << major.body;
}

TEST_F(Ingest, EnrollingAnActiveKioskTwiceIsRefused)
{
    auto again = store->enroll_kiosk(protocol::to_base64(kiosk.public_key), "Elsewhere", "", k_now);
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().text().find("Halmstad bibliotek"), std::string::npos);
}

}  // namespace
}  // namespace lotsen::hub::test
