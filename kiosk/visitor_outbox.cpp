// visitor_outbox.cpp — see visitor_outbox.hpp.
#include "kiosk/visitor_outbox.hpp"

#include "core/upload/uploader.hpp"

namespace lotsen::kiosk {

namespace {

ClockSync clock_now()
{
    return system_clock_synchronised() ? ClockSync::synchronised : ClockSync::unsynchronised;
}

}  // namespace

Result<CheckInOutcome> VisitorOutbox::record_checkin(const CheckIn& checkin, UnixSeconds now)
{
    CheckInOutcome outcome = LOTSEN_TRY(m_outbox->record_checkin(checkin, now, clock_now()));
    // One too soon after the previous check-in was not stored: nothing new to upload.
    if (m_uploader && outcome.status == CheckInOutcome::Status::recorded)
        m_uploader->note_recorded();
    return outcome;
}

Result<ContactReceipt> VisitorOutbox::record_contact_request(const ContactRequest& request, UnixSeconds now)
{
    ContactReceipt receipt = LOTSEN_TRY(m_outbox->record_contact_request(request, now, clock_now()));
    if (m_uploader)
        m_uploader->note_recorded();
    return receipt;
}

}  // namespace lotsen::kiosk
