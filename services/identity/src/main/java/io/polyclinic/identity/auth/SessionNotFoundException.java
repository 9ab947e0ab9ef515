package io.polyclinic.identity.auth;

import io.polyclinic.platform.problem.NotFoundException;
import java.util.UUID;

/** No session of the caller has this id (another user's session is not found either): 404. */
public class SessionNotFoundException extends NotFoundException {

    public SessionNotFoundException(UUID id) {
        super("session", id);
    }
}
