package io.polyclinic.notifier.mail;

import io.polyclinic.notifier.shared.NotifierProperties;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Turns an {@link OutgoingEmail} into a MIME message and hands it to SMTP ({@code spring.mail.*}): plain text, plus
 * an HTML alternative when there is one, plus the {@code .ics} invitation as an attachment. The Message-ID is
 * derived from the email id, so a resend after a crash carries the same Message-ID as the first copy.
 */
@Component
public class SmtpMailer {

    private final JavaMailSender sender;
    private final NotifierProperties properties;

    public SmtpMailer(JavaMailSender sender, NotifierProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    /**
     * Sends the email; returns once the SMTP server accepted it.
     *
     * @throws MailException when it could not be built or the server refused it or could not be reached
     */
    public void send(OutgoingEmail email) {
        var message = sender.createMimeMessage();
        try {
            boolean multipart = email.htmlBody() != null || email.ics() != null;
            var helper = new MimeMessageHelper(message, multipart, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(email.recipient());
            // One line: a line break from event data must never start a new header.
            helper.setSubject(email.subject().replaceAll("[\\r\\n\\t]+", " "));
            if (email.htmlBody() != null) {
                helper.setText(email.textBody(), email.htmlBody());
            } else {
                helper.setText(email.textBody());
            }
            if (email.ics() != null) {
                var method = email.icsMethod() == null ? "REQUEST" : email.icsMethod();
                helper.addAttachment(
                        "appointment.ics",
                        new ByteArrayResource(email.ics().getBytes(StandardCharsets.UTF_8)),
                        "text/calendar; charset=UTF-8; method=" + method);
            }
            // JavaMailSenderImpl keeps an explicitly set Message-ID through saveChanges().
            message.setHeader("Message-ID", messageId(email));
        } catch (MessagingException e) {
            throw new MailPreparationException("Cannot build email " + email.id(), e);
        }
        sender.send(message);
    }

    /** The Message-ID of an email: {@code <id@message-id-domain>}. */
    public String messageId(OutgoingEmail email) {
        return "<" + email.id() + "@" + properties.messageIdDomain() + ">";
    }
}
