package io.polyclinic.notifier.mail;

import io.polyclinic.notifier.shared.NotifierProperties;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes appointment emails from the Thymeleaf templates in {@code mail/} (HTML and plain text, ru and en by the
 * patient's locale; texts in {@code mail/messages*.properties}). Times are shown in the clinic's time zone, with the
 * zone's name; every value from an event is escaped in the HTML part.
 */
@Component
public class EmailComposer {

    private final ITemplateEngine html;
    private final ITemplateEngine text;
    private final MessageSource messages;
    private final InternetAddress organizer;

    public EmailComposer(
            @Qualifier("mailHtmlTemplateEngine") ITemplateEngine html,
            @Qualifier("mailTextTemplateEngine") ITemplateEngine text,
            @Qualifier("mailMessageSource") MessageSource messages,
            NotifierProperties properties) {
        this.html = html;
        this.text = text;
        this.messages = messages;
        try {
            this.organizer = new InternetAddress(properties.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("polyclinic.notifier.from is not an email address", e);
        }
    }

    /**
     * What an appointment email says.
     *
     * @param previousStart where a rescheduled appointment was before, else {@code null}
     * @param cancelReason why it was cancelled, or {@code null}
     * @param cancelledByStaff whether the clinic (not the patient) cancelled it
     */
    public record AppointmentDetails(
            UUID appointmentId,
            String patientEmail,
            Locale locale,
            String doctorName,
            String clinicName,
            String clinicAddress,
            ZoneId clinicTimeZone,
            Instant start,
            Instant end,
            Instant previousStart,
            String cancelReason,
            boolean cancelledByStaff) {}

    /**
     * Composes one appointment email.
     *
     * @param icsMethod attach an invitation with this METHOD ({@link CalendarInvite#REQUEST} or
     *     {@link CalendarInvite#CANCEL}), or {@code null} for none
     * @param icsSequence the invitation's SEQUENCE
     */
    public OutgoingEmail appointmentEmail(
            UUID id,
            Channel channel,
            EmailTemplate template,
            AppointmentDetails details,
            String icsMethod,
            int icsSequence) {
        var locale = details.locale();
        var variables = new HashMap<String, Object>();
        variables.put("doctorName", details.doctorName());
        variables.put("clinicName", details.clinicName());
        variables.put("clinicAddress", details.clinicAddress());
        variables.put("when", when(details.start(), details.clinicTimeZone(), locale));
        variables.put(
                "endTime",
                DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                        .withLocale(locale)
                        .format(details.end().atZone(details.clinicTimeZone())));
        variables.put("zone", zoneName(details.clinicTimeZone(), locale));
        variables.put(
                "previousWhen",
                details.previousStart() == null
                        ? null
                        : when(details.previousStart(), details.clinicTimeZone(), locale));
        variables.put("cancelReason", details.cancelReason());
        variables.put("cancelledByStaff", details.cancelledByStaff());
        var subject =
                messages.getMessage(template.templateName() + ".subject", new Object[] {details.doctorName()}, locale);
        variables.put("subject", subject);
        variables.put("lang", locale.getLanguage());

        String ics = null;
        if (icsMethod != null) {
            var location = details.clinicAddress().isBlank()
                    ? details.clinicName()
                    : details.clinicName() + ", " + details.clinicAddress();
            ics = CalendarInvite.of(
                    icsMethod,
                    details.appointmentId(),
                    icsSequence,
                    details.start(),
                    details.end(),
                    details.doctorName(),
                    location,
                    organizer.getPersonal(),
                    organizer.getAddress(),
                    details.patientEmail());
        }
        return new OutgoingEmail(
                id,
                channel,
                template.templateName(),
                details.patientEmail(),
                subject,
                text.process(template.templateName(), new Context(locale, variables)),
                html.process(template.templateName(), new Context(locale, variables)),
                ics,
                icsMethod);
    }

    /** e.g. "Tuesday, December 1, 2026, 1:00 PM" or "вторник, 1 декабря 2026 г., 13:00". */
    private static String when(Instant instant, ZoneId zone, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                .withLocale(locale)
                .format(instant.atZone(zone));
    }

    /** e.g. "Moscow Standard Time (Europe/Moscow)". */
    private static String zoneName(ZoneId zone, Locale locale) {
        return zone.getDisplayName(TextStyle.FULL, locale) + " (" + zone.getId() + ")";
    }
}
