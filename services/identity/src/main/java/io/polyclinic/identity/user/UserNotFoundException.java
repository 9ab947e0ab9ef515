package io.polyclinic.identity.user;

import io.polyclinic.platform.problem.NotFoundException;
import java.util.UUID;

/** No user has the requested id: 404. */
public class UserNotFoundException extends NotFoundException {

    public UserNotFoundException(UUID id) {
        super("user", id);
    }
}
