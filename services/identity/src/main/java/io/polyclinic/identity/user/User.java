package io.polyclinic.identity.user;

import java.time.Instant;
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
 */
public record User(UUID id, String email, String fullName, String passwordHash, Set<Role> roles, Instant createdAt) {

    public User {
        roles = Set.copyOf(roles);
    }

    /** Role names in declaration order (PATIENT, CLINIC_MANAGER, ADMIN), as the token and API show them. */
    public java.util.List<String> roleNames() {
        return roles.stream().sorted().map(Role::name).toList();
    }

    /** Never prints the password hash. */
    @Override
    public String toString() {
        return "User[id=" + id + ", roles=" + roleNames() + "]";
    }
}
