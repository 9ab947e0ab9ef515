package io.polyclinic.identity.auth;

import io.polyclinic.platform.problem.DomainException;
import org.springframework.http.HttpStatus;

/**
 * Login with an unknown email or a wrong password: 401, one body for both, so that the answer never tells whether an
 * account exists.
 */
public class InvalidCredentialsException extends DomainException {

    public InvalidCredentialsException() {
        super(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials", "The email or password is wrong.");
    }
}
