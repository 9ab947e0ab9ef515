package io.polyclinic.notifier.contract;

/**
 * A booking event or an email job the notifier refuses for good: not UTF-8 JSON, too large, breaking its contract's
 * JSON Schema, or unusable (say, an appointment event without a patient email). Never retried: the event goes to the
 * dead-letter topic, the job to the dead-letter queue, with this message as the reason.
 */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String reason) {
        super(reason);
    }
}
