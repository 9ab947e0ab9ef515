package io.polyclinic.identity.auth;

import io.polyclinic.platform.problem.DomainException;
import org.springframework.http.HttpStatus;

/**
 * Session management with an access token whose session has already ended (logged out, revoked, or a refresh token
 * reuse): 401, so that a leaked access token cannot list or end the user's other sessions after logout.
 */
public class SessionEndedException extends DomainException {

    public SessionEndedException() {
        super(
                HttpStatus.UNAUTHORIZED,
                "session-ended",
                "Session ended",
                "The session of this access token has ended; log in again.");
    }
}
