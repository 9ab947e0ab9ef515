package io.polyclinic.platform.problem;

import org.springframework.http.HttpStatus;

/** A well-formed request that breaks a business rule (too short notice, too many appointments): answered 422. */
public class RuleViolationException extends DomainException {

    public RuleViolationException(String problemType, String title, String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problemType, title, detail);
    }
}
