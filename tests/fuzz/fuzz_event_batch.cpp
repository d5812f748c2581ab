// fuzz_event_batch.cpp — libFuzzer target for the hub's event-batch parser (protocol::decode_batch),
// which reads every body a kiosk — or anyone else on the network — POSTs to /v1/events after it is
// decompressed. Beyond not crashing: the well-formed events it keeps, encoded again, decode to the
// same batch with nothing rejected or deferred.
#include "tests/fuzz/fuzz_support.hpp"
#include "core/wire/protocol.hpp"

using namespace lotsen;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto decoded = protocol::decode_batch(fuzz::as_text(data, size));
    if (!decoded)
        return 0;
    fuzz::require(decoded.value().batch.events.size() <= protocol::k_max_events_per_batch, "event limit");
    const std::string encoded = protocol::encode_batch(decoded.value().batch);
    auto again = protocol::decode_batch(encoded);
    fuzz::require(again.ok(), "encode_batch of a decoded batch decodes");
    fuzz::require(again.value().rejected.empty(), "no event of a re-encoded batch is rejected");
    fuzz::require(again.value().deferred.empty(), "no event of a re-encoded batch is deferred");
    fuzz::require(again.value().batch.events.size() == decoded.value().batch.events.size(), "same events");
    fuzz::require(protocol::encode_batch(again.value().batch) == encoded, "batch round trip");
    return 0;
}
