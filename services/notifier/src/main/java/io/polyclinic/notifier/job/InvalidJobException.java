package io.polyclinic.notifier.job;

/** An email job that can never be sent as it is (not JSON, a field missing or too long): dead-lettered at once. */
public class InvalidJobException extends RuntimeException {

    public InvalidJobException(String reason) {
        super(reason);
    }
}
