package io.polyclinic.dev;

import io.polyclinic.notifier.dev.MailInbox;
import io.polyclinic.testkit.mail.EmbeddedSmtpServer;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The dev stack's SMTP inbox (GreenMail) as the notifier's {@code GET /dev/mail} shows it. */
final class GreenMailInbox implements MailInbox {

    private final EmbeddedSmtpServer smtp;

    GreenMailInbox(EmbeddedSmtpServer smtp) {
        this.smtp = smtp;
    }

    @Override
    public List<ReceivedMail> newest(int limit) {
        var messages = new ArrayList<>(smtp.receivedMessages());
        java.util.Collections.reverse(messages);
        return messages.stream().limit(limit).map(GreenMailInbox::summary).toList();
    }

    private static ReceivedMail summary(MimeMessage message) {
        try {
            var sent = message.getSentDate();
            var attachments = new ArrayList<String>();
            collectAttachments(message, attachments);
            return new ReceivedMail(
                    message.getMessageID(),
                    sent == null ? null : sent.toInstant(),
                    addresses(message.getFrom()).stream().findFirst().orElse(null),
                    addresses(message.getAllRecipients()),
                    message.getSubject(),
                    attachments);
        } catch (Exception e) {
            return new ReceivedMail(null, Instant.now(), null, List.of(), "(unreadable message)", List.of());
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null
                ? List.of()
                : Arrays.stream(addresses).map(Address::toString).toList();
    }

    private static void collectAttachments(Part part, List<String> names) throws Exception {
        if (part.isMimeType("multipart/*")) {
            var multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectAttachments(multipart.getBodyPart(i), names);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            names.add(part.getFileName());
        }
    }
}
