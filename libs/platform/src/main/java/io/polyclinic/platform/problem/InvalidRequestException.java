package io.polyclinic.platform.problem;

import org.springframework.http.HttpStatus;

/** Input that no rule could accept (a range whose end is before its start, an unknown enum value): answered 400. */
public class InvalidRequestException extends DomainException {

    private final String field;

    /**
     * @param field the request field or parameter at fault, reported in the problem's {@code errors}
     * @param detail what is wrong with it
     */
    public InvalidRequestException(String field, String detail) {
        super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
