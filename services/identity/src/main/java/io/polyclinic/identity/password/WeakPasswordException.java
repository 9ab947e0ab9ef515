package io.polyclinic.identity.password;

import io.polyclinic.platform.problem.InvalidRequestException;

/** A password that the policy rejects: answered 400 with an error on the {@code password} field. */
public class WeakPasswordException extends InvalidRequestException {

    public WeakPasswordException(String detail) {
        super("password", detail);
    }
}
