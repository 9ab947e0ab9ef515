package io.polyclinic.notifier.dev;

import java.time.Instant;
import java.util.List;

/**
 * The dev stack's SMTP inbox as {@code GET /dev/mail} shows it. The dev stack registers an implementation backed by
 * its embedded SMTP server; production has none.
 */
public interface MailInbox {

    /** The newest messages first, at most {@code limit}. */
    List<ReceivedMail> newest(int limit);

    /**
     * One received message, without its body.
     *
     * @param attachments the attachments' file names (e.g. {@code appointment.ics})
     */
    record ReceivedMail(
            String messageId,
            Instant receivedAt,
            String from,
            List<String> to,
            String subject,
            List<String> attachments) {}
}
