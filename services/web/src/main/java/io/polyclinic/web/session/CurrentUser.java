package io.polyclinic.web.session;

import java.util.List;
import java.util.UUID;

/**
 * The logged-in person as the pages see it, from the verified access token.
 *
 * @param id the user id (token {@code sub})
 * @param email the email (token {@code email})
 * @param roles such as {@code PATIENT}, {@code CLINIC_MANAGER}, {@code ADMIN}
 */
public record CurrentUser(UUID id, String email, List<String> roles) {

    /** The request attribute (and model name) holding the current user, absent for a visitor. */
    public static final String ATTRIBUTE = "currentUser";

    public CurrentUser {
        roles = List.copyOf(roles);
    }

    /** Whether the user has {@code role}. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
