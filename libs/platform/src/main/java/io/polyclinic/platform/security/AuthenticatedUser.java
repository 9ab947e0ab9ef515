package io.polyclinic.platform.security;

import java.util.Set;
import java.util.UUID;

/**
 * The caller, as the verified access token says: controllers take it as a parameter and pass it to use cases, so
 * that services never touch security types.
 *
 * <p>The clinic scope is the one answer to "which clinics does this manager run" for every service: identity owns
 * the assignment and puts it into the token's {@value #CLINICS_CLAIM} claim, so no service asks another per request.
 *
 * @param id the user id (token {@code sub})
 * @param email the user's email (token {@code email})
 * @param roles role names without prefix: {@code PATIENT}, {@code CLINIC_MANAGER}, {@code ADMIN}
 * @param clinicIds the clinics assigned to the user (token {@value #CLINICS_CLAIM}, a list of UUID strings; empty
 *     when absent). Identity issues it only to CLINIC_MANAGERs; {@link #clinicScope()} ignores it for anyone else
 */
public record AuthenticatedUser(UUID id, String email, Set<String> roles, Set<UUID> clinicIds) {

    public static final String PATIENT = "PATIENT";
    public static final String CLINIC_MANAGER = "CLINIC_MANAGER";
    public static final String ADMIN = "ADMIN";

    /** The access token claim listing the clinics a CLINIC_MANAGER runs: {@code ["<uuid>", ...]}. */
    public static final String CLINICS_CLAIM = "clinics";

    public AuthenticatedUser {
        clinicIds = Set.copyOf(clinicIds);
    }

    /** A caller without assigned clinics (patients, administrators, tests that need no clinic scope). */
    public AuthenticatedUser(UUID id, String email, Set<String> roles) {
        this(id, email, roles, Set.of());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(ADMIN);
    }

    /**
     * The clinics this caller runs as a CLINIC_MANAGER: the token's clinics for a CLINIC_MANAGER, empty for anyone
     * else. An ADMIN's rights over every clinic come from the role, not from this set.
     */
    public Set<UUID> clinicScope() {
        return hasRole(CLINIC_MANAGER) ? clinicIds : Set.of();
    }

    /** Whether the caller is a CLINIC_MANAGER of {@code clinicId} (false for an ADMIN without that assignment). */
    public boolean managesClinic(UUID clinicId) {
        return clinicScope().contains(clinicId);
    }
}
