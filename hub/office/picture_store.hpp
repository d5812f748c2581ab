// picture_store.hpp — pictures uploaded in the office's forms (an association's logo, an activity's
// image), kept in hub.db (migration 8, change_pictures) with the association's pending change until
// the region decides: the change's catalogue JSON names each picture by SHA-256, as a published
// catalogue does, and the bytes wait here until publishing copies them to published/files/. It
// borrows the HubStore's connection like ChangeStore, so it is used from one thread at a time.
#pragma once

#include "core/base/result.hpp"
#include "core/catalogue/model.hpp"
#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace lotsen::hub::office {

/// An uploaded file checked as a catalogue picture by its content (never its name or declared
/// type): PNG or JPEG, within the catalogue's limits on bytes and pixels (core/image/image_probe.hpp),
/// as `publish` checks a spreadsheet's picture. Its reference (sha256, bytes, width, height, type),
/// or why it is refused.
Result<ImageRef> check_picture(std::string_view bytes);

/// One kept picture.
struct StoredPicture {
    std::string organisation_id;
    ImageRef image;  ///< resolved: sha256, bytes, width, height, type
    std::string bytes;
    UnixSeconds uploaded_at = 0;
};

/// The picture queries.
class PictureStore {
public:
    /// Over `hub`'s connection; `hub` must outlive it.
    explicit PictureStore(HubStore& hub) : m_hub(hub) {}

    /// Keeps `bytes` (checked by check_picture into `image`) for the association; the same bytes
    /// again only renew their upload time.
    Result<void> keep(const std::string& organisation_id, const ImageRef& image, std::string_view bytes, std::int64_t user_id,
                      UnixSeconds now);
    /// The association's picture with this SHA-256, if kept.
    Result<std::optional<StoredPicture>> find(const std::string& organisation_id, const std::string& sha256);
    /// Any association's picture with this SHA-256 (the region sees every change), if kept.
    Result<std::optional<StoredPicture>> find_any(const std::string& sha256);
    /// Deletes the pictures uploaded before `uploaded_before` that `in_use` (association → SHA-256s
    /// its pending change names) does not name. Returns how many went.
    Result<int> prune(const std::map<std::string, std::set<std::string>>& in_use, UnixSeconds uploaded_before);
    /// How many pictures are kept (tests, the operator).
    Result<std::int64_t> count();
    /// How many pictures are kept for the association.
    Result<std::int64_t> count(const std::string& organisation_id);

private:
    HubStore& m_hub;
};

}  // namespace lotsen::hub::office
