package io.polyclinic.identity.auth;

import io.polyclinic.platform.problem.InvalidRequestException;

/**
 * A password change whose current password is wrong: 400 with an error on {@code currentPassword}. Not 401: the
 * caller's session is fine, only the typed password is not.
 */
public class WrongPasswordException extends InvalidRequestException {

    public WrongPasswordException() {
        super("currentPassword", "The current password is wrong.");
    }
}
