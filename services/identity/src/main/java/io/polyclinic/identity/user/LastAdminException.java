package io.polyclinic.identity.user;

import io.polyclinic.platform.problem.ConflictException;

/** A role change that would leave nobody with ADMIN: 409. */
public class LastAdminException extends ConflictException {

    public LastAdminException() {
        super(
                "last-admin",
                "Last administrator",
                "This user is the last administrator; grant ADMIN to someone else first.");
    }
}
