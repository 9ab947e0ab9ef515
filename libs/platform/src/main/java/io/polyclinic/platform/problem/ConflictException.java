package io.polyclinic.platform.problem;

import org.springframework.http.HttpStatus;

/** The request collides with the current state (slot already taken, email in use): answered 409. */
public class ConflictException extends DomainException {

    public ConflictException(String problemType, String title, String detail) {
        super(HttpStatus.CONFLICT, problemType, title, detail);
    }
}
