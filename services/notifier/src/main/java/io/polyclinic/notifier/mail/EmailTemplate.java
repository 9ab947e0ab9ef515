package io.polyclinic.notifier.mail;

/** The appointment emails, each an HTML and a text template in {@code mail/} with texts in {@code mail/messages}. */
public enum EmailTemplate {
    BOOKING_CONFIRMED("booking-confirmed"),
    BOOKING_CANCELLED("booking-cancelled"),
    BOOKING_RESCHEDULED("booking-rescheduled"),
    APPOINTMENT_REMINDER("appointment-reminder");

    private final String templateName;

    EmailTemplate(String templateName) {
        this.templateName = templateName;
    }

    /** The template file name without extension, also the {@code template} metric tag. */
    public String templateName() {
        return templateName;
    }
}
