package io.polyclinic.notifier.mail;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Attendee;
import biweekly.property.Method;
import biweekly.property.Organizer;
import biweekly.property.Status;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Builds the {@code .ics} attachment (RFC 5545 / iTIP RFC 5546): one VEVENT whose UID is the appointment id, so a
 * later invitation (rescheduled: METHOD:REQUEST, cancelled: METHOD:CANCEL) with a higher SEQUENCE updates the same
 * calendar entry. Times are written in UTC.
 */
public final class CalendarInvite {

    /** METHOD of a new or moved appointment. */
    public static final String REQUEST = "REQUEST";

    /** METHOD of a cancelled appointment. */
    public static final String CANCEL = "CANCEL";

    private CalendarInvite() {}

    /**
     * The iCalendar text.
     *
     * @param method {@link #REQUEST} or {@link #CANCEL}
     * @param sequence 0 for the first invitation, higher for each later one
     * @param organizerEmail the From address of the email
     */
    public static String of(
            String method,
            UUID appointmentId,
            int sequence,
            Instant start,
            Instant end,
            String summary,
            String location,
            String organizerName,
            String organizerEmail,
            String attendeeEmail) {
        var calendar = new ICalendar();
        calendar.setMethod(new Method(method));
        var event = new VEvent();
        event.setUid(appointmentId.toString());
        event.setSequence(sequence);
        event.setDateStart(Date.from(start), true);
        event.setDateEnd(Date.from(end), true);
        event.setSummary(summary);
        event.setLocation(location);
        event.setStatus(CANCEL.equals(method) ? Status.cancelled() : Status.confirmed());
        event.setOrganizer(new Organizer(organizerName, organizerEmail));
        event.addAttendee(new Attendee(null, attendeeEmail));
        calendar.addEvent(event);
        return Biweekly.write(calendar).go();
    }
}
