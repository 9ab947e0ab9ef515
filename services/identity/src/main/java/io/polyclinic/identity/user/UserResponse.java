package io.polyclinic.identity.user;

import java.util.List;
import java.util.UUID;

/**
 * A user as the API shows it: {@code {"id","email","fullName","roles":["PATIENT"],"clinicIds":[]}}; never the
 * password hash.
 *
 * @param roles role names in the order PATIENT, CLINIC_MANAGER, ADMIN
 * @param clinicIds the clinics assigned to the user, ascending (they count only while the user is a CLINIC_MANAGER)
 */
public record UserResponse(UUID id, String email, String fullName, List<String> roles, List<UUID> clinicIds) {

    static UserResponse of(User user) {
        return new UserResponse(user.id(), user.email(), user.fullName(), user.roleNames(), user.sortedClinicIds());
    }
}
