package io.polyclinic.ingest.dataset;

/** A sink's target (booking, the warehouse) could not be reached or failed; the message is safe to show a user. */
public class SinkUnavailableException extends RuntimeException {

    public SinkUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
