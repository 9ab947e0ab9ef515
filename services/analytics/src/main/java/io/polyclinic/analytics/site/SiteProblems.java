package io.polyclinic.analytics.site;

import io.polyclinic.platform.problem.DomainException;
import org.springframework.http.HttpStatus;

/** The client errors of the sites API. */
final class SiteProblems {

    private SiteProblems() {}

    /** A CLINIC_MANAGER acted on a clinic they do not manage: 403. */
    static final class NotClinicManagerException extends DomainException {
        NotClinicManagerException() {
            super(HttpStatus.FORBIDDEN, "not-clinic-manager", "Forbidden", "You may act only on your clinics' sites.");
        }
    }
}
