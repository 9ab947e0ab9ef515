package io.polyclinic.notifier.job;

/** An email job whose send failed for a reason that may pass (SMTP down): the queue retries it. */
public class JobDeliveryException extends RuntimeException {

    public JobDeliveryException(String message) {
        super(message);
    }
}
