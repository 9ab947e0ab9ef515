package io.polyclinic.identity.user;

import java.util.Arrays;
import java.util.Optional;

/** The roles of docs/product.md S1; their names are the {@code roles} claim values. */
public enum Role {
    /** Books appointments; every registered user has it. */
    PATIENT,
    /** Manages the doctors, sites and imports of its clinics. */
    CLINIC_MANAGER,
    /** Everything, including granting and revoking roles. */
    ADMIN;

    /** The role with exactly this name, if any. */
    public static Optional<Role> byName(String name) {
        return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
    }
}
