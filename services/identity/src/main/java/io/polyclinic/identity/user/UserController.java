package io.polyclinic.identity.user;

import io.polyclinic.platform.security.AuthenticatedUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/users/me}: the caller's own account. */
@RestController
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    /** 200 with the caller's current account (roles as stored now, which may be newer than the token's). */
    @GetMapping(path = "/api/v1/users/me", produces = MediaType.APPLICATION_JSON_VALUE)
    UserResponse me(AuthenticatedUser caller) {
        return UserResponse.of(users.get(caller.id()));
    }
}
