package io.polyclinic.notifier.mail;

/** Why an email is sent: a booking event, an email job from the queue, or the reminder job. */
public enum Channel {
    EVENT,
    JOB,
    REMINDER
}
