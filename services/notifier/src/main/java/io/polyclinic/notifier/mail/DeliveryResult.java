package io.polyclinic.notifier.mail;

/**
 * What one delivery attempt did.
 *
 * @param error why the attempt failed, or {@code null}
 */
public record DeliveryResult(Outcome outcome, String error) {

    /** The outcome of an attempt. */
    public enum Outcome {
        /** Sent now. */
        SENT,
        /** Nothing to do: sent before, or another worker holds it right now. */
        NOT_PENDING,
        /** The attempt failed; the email stays pending (or FAILED when refused for good). */
        FAILED
    }

    static DeliveryResult sent() {
        return new DeliveryResult(Outcome.SENT, null);
    }

    static DeliveryResult notPending() {
        return new DeliveryResult(Outcome.NOT_PENDING, null);
    }

    static DeliveryResult failed(String error) {
        return new DeliveryResult(Outcome.FAILED, error);
    }
}
