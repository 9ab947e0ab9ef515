package io.polyclinic.platform.security;

import java.util.Set;
import java.util.UUID;

/**
 * The caller, as the verified access token says: controllers take it as a parameter and pass it to use cases, so
 * that services never touch security types.
 *
 * @param id the user id (token {@code sub})
 * @param email the user's email (token {@code email})
 * @param roles role names without prefix: {@code PATIENT}, {@code CLINIC_MANAGER}, {@code ADMIN}
 */
public record AuthenticatedUser(UUID id, String email, Set<String> roles) {

    public static final String PATIENT = "PATIENT";
    public static final String CLINIC_MANAGER = "CLINIC_MANAGER";
    public static final String ADMIN = "ADMIN";

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(ADMIN);
    }
}
