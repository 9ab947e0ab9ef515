package io.polyclinic.booking.clinic;

import io.polyclinic.platform.problem.DomainException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Clinic ownership: an ADMIN may act on every clinic, a CLINIC_MANAGER only on the clinics of their access token's
 * clinic scope ({@link AuthenticatedUser#clinicScope()}, assigned in identity, decision 0027); anyone else on none.
 * Nothing is looked up: the token is the one answer every service uses.
 */
@Component
public class ClinicAccess {

    /** Whether the user is an ADMIN or a CLINIC_MANAGER of {@code clinicId}. */
    public boolean canManage(AuthenticatedUser user, UUID clinicId) {
        return user.isAdmin() || user.managesClinic(clinicId);
    }

    /** The clinics the user may manage: null for an ADMIN (every clinic), else the CLINIC_MANAGER's clinic scope. */
    public Set<UUID> manageableClinicIds(AuthenticatedUser user) {
        return user.isAdmin() ? null : user.clinicScope();
    }

    /**
     * Requires that the user may manage {@code clinicId}: for what happens in one clinic (its fields, a slot, a working
     * plan, an appointment).
     *
     * @throws NotClinicManagerException (403) otherwise
     */
    public void requireManages(AuthenticatedUser user, UUID clinicId) {
        if (!canManage(user, clinicId)) {
            throw new NotClinicManagerException();
        }
    }

    /**
     * Requires that the user manages every one of {@code clinicIds}: for a change that reaches all of them, such as
     * editing a doctor who works in several clinics. An empty collection is allowed to ADMINs only, so that a
     * manager never gains rights over something that belongs to no clinic.
     *
     * @throws NotClinicManagerException (403) otherwise
     */
    public void requireManagesAll(AuthenticatedUser user, Collection<UUID> clinicIds) {
        if (user.isAdmin()) {
            return;
        }
        if (clinicIds.isEmpty() || !user.clinicScope().containsAll(clinicIds)) {
            throw new NotClinicManagerException();
        }
    }

    /** A CLINIC_MANAGER acted on a clinic they do not manage: 403. */
    public static class NotClinicManagerException extends DomainException {
        public NotClinicManagerException() {
            super(
                    HttpStatus.FORBIDDEN,
                    "not-clinic-manager",
                    "Forbidden",
                    "You may act only on the clinics you manage.");
        }
    }
}
