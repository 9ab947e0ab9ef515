package io.polyclinic.platform.servicetoken;

/** No service token can be had right now; the message names the reason, never a secret or a token. */
public class ServiceTokenUnavailableException extends RuntimeException {

    /** @param message why, for the log */
    public ServiceTokenUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message why, for the log
     * @param cause the underlying failure
     */
    public ServiceTokenUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
