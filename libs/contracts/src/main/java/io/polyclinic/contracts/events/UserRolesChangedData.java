package io.polyclinic.contracts.events;

import java.util.List;
import java.util.UUID;

/**
 * The data of UserRolesChanged.
 *
 * @param userId the user (also the record key)
 * @param roles the roles after the change, e.g. {@code ["PATIENT","CLINIC_MANAGER"]}
 */
public record UserRolesChangedData(UUID userId, List<String> roles) {

    public UserRolesChangedData {
        roles = List.copyOf(roles);
    }
}
