package io.polyclinic.notifier.mail;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An email the notifier has decided to send.
 *
 * @param id derived from its cause (see {@link #idFor}); also its Message-ID, so a resend is recognisably the same
 * @param template what kind of email it is (a template name such as {@code booking-confirmed}, or {@code job}); a
 *     metrics tag
 * @param htmlBody the HTML alternative, or {@code null} for plain text only
 * @param ics an iCalendar attachment, or {@code null}
 * @param icsMethod its METHOD ({@code REQUEST} or {@code CANCEL}), or {@code null} without attachment
 */
public record OutgoingEmail(
        UUID id,
        Channel channel,
        String template,
        String recipient,
        String subject,
        String textBody,
        String htmlBody,
        String ics,
        String icsMethod) {

    /**
     * The email id for a cause, such as {@code event:<event id>}, {@code job:<job id>} or
     * {@code reminder:<appointment id>:<start>}: the same cause always gives the same id (a name-based UUID).
     */
    public static UUID idFor(String cause) {
        return UUID.nameUUIDFromBytes(cause.getBytes(StandardCharsets.UTF_8));
    }
}
