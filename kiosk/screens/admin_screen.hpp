// admin_screen.hpp — staff status: version, catalogue, data directory, the outbox per class and its
// quarantine, the upload state (last sync, last error, refused by the hub), the update state (on or
// why not, manifest sequence, accepted versions, last check, last refusal), the catalogue images
// (kept and evicted on disk, refused with the newest reason, textures in memory), the kiosk key; sync now,
// check for updates, back to visitor mode, exit (confirmed once more).
#pragma once

#include "kiosk/admin_desk.hpp"
#include "kiosk/kinetic_scroll.hpp"
#include "kiosk/screen.hpp"

#include <string>

namespace lotsen::kiosk {

class AdminScreen final : public Screen {
public:
    const char* id() const override { return "admin"; }
    const char* title_key() const override { return "admin_title"; }
    void on_enter(UiContext& ui) override;
    /// The upload state changes under the screen (after "sync now"): look again every second.
    double seconds_until_refresh(UnixSeconds now) const override { (void)now; return 1.0; }

protected:
    void draw_content(UiContext& ui, const ContentArea& area) override;

private:
    /// Rebuilds the status text from the store and the admin desk's report.
    void refresh(UiContext& ui);
    /// Adds the update lines (and a warning when updates could not start) to the status.
    void refresh_updates(UiContext& ui, const AdminReport& report);
    /// The catalogue images: kept on disk and evicted, refused (with the newest reason), in memory.
    void refresh_images(UiContext& ui, const ImageReport& images);

    std::string m_status;
    std::string m_warning;     ///< the hub refuses this kiosk, or uploading could not start
    double m_refreshed_at = -1.0;
    bool m_confirming_exit = false;  ///< "exit" was tapped: ask once more before the kiosk stops
    KineticScroll m_scroll;
};

}  // namespace lotsen::kiosk
