package io.polyclinic.platform.problem;

import org.springframework.http.HttpStatus;

/** An id that names nothing the caller may see: answered 404. */
public class NotFoundException extends DomainException {

    /**
     * @param entity what was looked for, in words ("doctor", "appointment")
     * @param id the id the client gave
     */
    public NotFoundException(String entity, Object id) {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", "No " + entity + " with id " + id + " was found.");
    }
}
