package io.polyclinic.notifier;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a received email, found by walking its MIME tree.
 *
 * @param text the text/plain body (not an attachment), or {@code null}
 * @param html the text/html body, or {@code null}
 * @param calendar the text/calendar attachment's text, or {@code null}
 * @param calendarContentType the content type of that attachment, or {@code null}
 * @param attachmentNames file names of all attachments
 */
public record MailParts(
        String subject,
        String messageId,
        String text,
        String html,
        String calendar,
        String calendarContentType,
        List<String> attachmentNames) {

    /** Reads a message received by the test SMTP server. */
    public static MailParts of(MimeMessage message) {
        try {
            var collector = new Collector();
            collector.walk(message);
            return new MailParts(
                    message.getSubject(),
                    message.getMessageID(),
                    collector.text,
                    collector.html,
                    collector.calendar,
                    collector.calendarContentType,
                    List.copyOf(collector.attachments));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the email", e);
        }
    }

    private static final class Collector {
        String text;
        String html;
        String calendar;
        String calendarContentType;
        final List<String> attachments = new ArrayList<>();

        void walk(Part part) throws Exception {
            if (part.isMimeType("multipart/*")) {
                var multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i));
                }
                return;
            }
            boolean attachment = part instanceof BodyPart && Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
            if (attachment) {
                attachments.add(part.getFileName());
            }
            if (part.isMimeType("text/calendar")) {
                calendar = read(part);
                calendarContentType = part.getContentType();
            } else if (part.isMimeType("text/plain") && !attachment) {
                text = read(part);
            } else if (part.isMimeType("text/html") && !attachment) {
                html = read(part);
            }
        }

        private static String read(Part part) throws Exception {
            var content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
            try (var in = part.getInputStream();
                    var out = new ByteArrayOutputStream()) {
                in.transferTo(out);
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
