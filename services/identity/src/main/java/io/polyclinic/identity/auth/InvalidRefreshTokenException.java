package io.polyclinic.identity.auth;

import io.polyclinic.platform.problem.DomainException;
import org.springframework.http.HttpStatus;

/** A refresh token that is unknown, expired, already used, or belongs to a revoked session: 401. */
public class InvalidRefreshTokenException extends DomainException {

    public InvalidRefreshTokenException() {
        super(
                HttpStatus.UNAUTHORIZED,
                "invalid-refresh-token",
                "Invalid refresh token",
                "The refresh token is invalid, expired or revoked; log in again.");
    }
}
