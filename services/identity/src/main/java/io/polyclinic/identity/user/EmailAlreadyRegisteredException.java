package io.polyclinic.identity.user;

import io.polyclinic.platform.problem.ConflictException;

/** Registration with an email that an account already has (ignoring case): 409. */
public class EmailAlreadyRegisteredException extends ConflictException {

    public EmailAlreadyRegisteredException() {
        super("email-already-registered", "Email already registered", "An account with this email already exists.");
    }
}
