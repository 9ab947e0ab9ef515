package io.polyclinic.ingest.clinic;

/** Booking's clinic catalogue could not be asked (down, timing out); the message is safe to show a user. */
public class ClinicDirectoryUnavailableException extends RuntimeException {

    public ClinicDirectoryUnavailableException(Throwable cause) {
        super("The clinic catalogue (booking) cannot be reached; try again later.", cause);
    }
}
