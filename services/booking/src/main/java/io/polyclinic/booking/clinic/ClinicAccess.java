package io.polyclinic.booking.clinic;

import io.polyclinic.platform.problem.DomainException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Clinic ownership: an ADMIN may act on every clinic, a CLINIC_MANAGER only on the clinics assigned to them in
 * {@code clinic_managers}; anyone else on none.
 */
@Component
public class ClinicAccess {

    private final ClinicRepository clinics;

    public ClinicAccess(ClinicRepository clinics) {
        this.clinics = clinics;
    }

    /** Whether the user is an ADMIN or a CLINIC_MANAGER of {@code clinicId}. */
    public boolean canManage(AuthenticatedUser user, UUID clinicId) {
        if (user.isAdmin()) {
            return true;
        }
        return user.hasRole(AuthenticatedUser.CLINIC_MANAGER)
                && clinics.managedClinicIds(user.id()).contains(clinicId);
    }

    /** The clinics the user may manage: null for an ADMIN (every clinic), else those assigned to a CLINIC_MANAGER. */
    public Set<UUID> manageableClinicIds(AuthenticatedUser user) {
        if (user.isAdmin()) {
            return null;
        }
        return user.hasRole(AuthenticatedUser.CLINIC_MANAGER) ? clinics.managedClinicIds(user.id()) : Set.of();
    }

    /**
     * Requires that the user may manage {@code clinicId}.
     *
     * @throws NotClinicManagerException (403) otherwise
     */
    public void requireManages(AuthenticatedUser user, UUID clinicId) {
        if (!canManage(user, clinicId)) {
            throw new NotClinicManagerException();
        }
    }

    /**
     * Requires that the user manages every one of {@code clinicIds}.
     *
     * @throws NotClinicManagerException (403) otherwise
     */
    public void requireManagesAll(AuthenticatedUser user, Collection<UUID> clinicIds) {
        if (user.isAdmin()) {
            return;
        }
        var managed = user.hasRole(AuthenticatedUser.CLINIC_MANAGER) ? clinics.managedClinicIds(user.id()) : null;
        if (managed == null || !managed.containsAll(clinicIds)) {
            throw new NotClinicManagerException();
        }
    }

    /**
     * Requires that the user manages at least one of {@code clinicIds} (a doctor working in several clinics may be
     * edited by a manager of any of them).
     *
     * @throws NotClinicManagerException (403) otherwise
     */
    public void requireManagesAny(AuthenticatedUser user, Collection<UUID> clinicIds) {
        if (user.isAdmin()) {
            return;
        }
        var managed = user.hasRole(AuthenticatedUser.CLINIC_MANAGER) ? clinics.managedClinicIds(user.id()) : null;
        if (managed == null || clinicIds.stream().noneMatch(managed::contains)) {
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
