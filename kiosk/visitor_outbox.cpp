// visitor_outbox.cpp — see visitor_outbox.hpp.
#include "kiosk/visitor_outbox.hpp"

#include "core/upload/uploader.hpp"

#include <cstdio>

namespace lotsen::kiosk {

namespace {

ClockSync clock_now()
{
    return system_clock_synchronised() ? ClockSync::synchronised : ClockSync::unsynchronised;
}

// What a visitor sent could not be stored: staff must find it in the journal (the visitor is told on
// screen). The error names the step and SQLite's reason, never what the visitor typed.
void log_not_saved(const char* what, const Error& error)
{
    std::fprintf(stderr, "lotsen: a %s could not be saved (the visitor was told): %s\n", what, error.text().c_str());
}

// Said once per outbox: the reserve is gone and the disk is full.
void log_reserve_used(const Outbox& outbox)
{
    static const Outbox* logged = nullptr;
    if (outbox.reserve_released() && logged != &outbox) {
        logged = &outbox;
        std::fprintf(stderr, "lotsen: the data disk is full: the outbox's reserve was released to store a visitor's "
                             "event; free some space (the reserve is made again at the next start)\n");
    }
}

}  // namespace

Result<CheckInOutcome> VisitorOutbox::record_checkin(const CheckIn& checkin, UnixSeconds now)
{
    auto recorded = m_outbox->record_checkin(checkin, now, clock_now());
    log_reserve_used(*m_outbox);
    if (!recorded) {
        log_not_saved("check-in", recorded.error());
        return recorded.error();
    }
    CheckInOutcome outcome = std::move(recorded).value();
    // One too soon after the previous check-in was not stored: nothing new to upload.
    if (m_uploader && outcome.status == CheckInOutcome::Status::recorded)
        m_uploader->note_recorded();
    return outcome;
}

Result<WishOutcome> VisitorOutbox::record_missed(const MissedWish& wish, UnixSeconds now)
{
    auto recorded = m_outbox->record_missed(wish, now, clock_now());
    log_reserve_used(*m_outbox);
    if (!recorded) {
        log_not_saved("wish", recorded.error());
        return recorded.error();
    }
    WishOutcome outcome = std::move(recorded).value();
    if (m_uploader && outcome.status == WishOutcome::Status::recorded)
        m_uploader->note_recorded();
    return outcome;
}

Result<ContactReceipt> VisitorOutbox::record_contact_request(const ContactRequest& request, UnixSeconds now)
{
    auto recorded = m_outbox->record_contact_request(request, now, clock_now());
    log_reserve_used(*m_outbox);
    if (!recorded) {
        log_not_saved("contact request", recorded.error());
        return recorded.error();
    }
    ContactReceipt receipt = std::move(recorded).value();
    if (m_uploader)
        m_uploader->note_recorded();
    return receipt;
}

}  // namespace lotsen::kiosk
