// visitor_outbox.hpp — the one door through which screens send what a visitor gives: a check-in, an
// "I miss something" wish or a contact request is recorded in the outbox with the clock's state, and the upload thread is woken.
// Screens see this facade, never the outbox or the uploader themselves.
#pragma once

#include "core/base/result.hpp"
#include "core/outbox/outbox.hpp"
#include "core/time/civil_time.hpp"

namespace lotsen {
class Uploader;
}

namespace lotsen::kiosk {

/// Records visitors' check-ins, wishes and contact requests, then wakes the uploader.
class VisitorOutbox {
public:
    VisitorOutbox() = default;
    /// `outbox` null: it could not be opened; `uploader` null: nothing uploads (events wait).
    VisitorOutbox(Outbox* outbox, Uploader* uploader) : m_outbox(outbox), m_uploader(uploader) {}

    /// False when the outbox could not be opened: nothing can be sent (screens say so).
    bool available() const { return m_outbox != nullptr; }
    /// Records a check-in; the uploader is woken only when it was recorded (not too soon after another).
    Result<CheckInOutcome> record_checkin(const CheckIn& checkin, UnixSeconds now);
    /// Records a wish; the uploader is woken only when it was recorded (not too soon after another).
    Result<WishOutcome> record_missed(const MissedWish& wish, UnixSeconds now);
    /// Seals and records a contact request, then wakes the uploader.
    Result<ContactReceipt> record_contact_request(const ContactRequest& request, UnixSeconds now);

private:
    Outbox* m_outbox = nullptr;
    Uploader* m_uploader = nullptr;
};

}  // namespace lotsen::kiosk
