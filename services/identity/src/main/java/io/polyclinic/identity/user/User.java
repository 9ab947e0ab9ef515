package io.polyclinic.identity.user;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A user account.
 *
 * @param id UUIDv7
 * @param email as registered (case preserved; unique ignoring case)
 * @param fullName as registered, 1..200 characters
 * @param passwordHash the BCrypt hash; never leaves the service
 * @param roles at least one role
 * @param createdAt when the account was registered
 * @param clinicIds the clinics assigned to the user (booking's clinic ids, not checked to exist); they reach the
 *     access token only while the user holds CLINIC_MANAGER
 */
public record User(
        UUID id,
        String email,
        String fullName,
        String passwordHash,
        Set<Role> roles,
        Instant createdAt,
        Set<UUID> clinicIds) {

    public User {
        roles = Set.copyOf(roles);
        clinicIds = Set.copyOf(clinicIds);
    }

    /** A user without assigned clinics (every new account). */
    public User(UUID id, String email, String fullName, String passwordHash, Set<Role> roles, Instant createdAt) {
        this(id, email, fullName, passwordHash, roles, createdAt, Set.of());
    }

    /** The assigned clinic ids in ascending order, as the API and the audit log show them. */
    public List<UUID> sortedClinicIds() {
        return clinicIds.stream().sorted().toList();
    }

    /**
     * The clinic ids for the access token's {@code clinics} claim: the assigned clinics of a CLINIC_MANAGER, empty
     * for anyone else (an assignment without the role grants nothing).
     */
    public List<UUID> tokenClinicIds() {
        return roles.contains(Role.CLINIC_MANAGER) ? sortedClinicIds() : List.of();
    }

    /** Role names in declaration order (PATIENT, CLINIC_MANAGER, ADMIN), as the token and API show them. */
    public List<String> roleNames() {
        return roles.stream().sorted().map(Role::name).toList();
    }

    /** Never prints the password hash. */
    @Override
    public String toString() {
        return "User[id=" + id + ", roles=" + roleNames() + "]";
    }
}
