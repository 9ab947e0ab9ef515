package io.polyclinic.notifier.event;

/**
 * A booking event the notifier cannot use: not JSON, a required field missing or of the wrong type, or an envelope
 * version it does not know. Never retried: the record goes to the dead-letter topic with this message as reason.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }
}
