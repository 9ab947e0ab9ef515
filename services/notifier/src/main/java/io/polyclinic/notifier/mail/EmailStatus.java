package io.polyclinic.notifier.mail;

/** Where an email stands: waiting to be sent (or retried), sent, or given up after too many failures. */
public enum EmailStatus {
    PENDING,
    SENT,
    FAILED
}
