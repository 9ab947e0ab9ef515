package io.polyclinic.booking.bulkimport;

import io.polyclinic.platform.security.AuthenticatedUser;
import java.util.Set;
import java.util.UUID;

/**
 * Who runs one import call and into which clinics, as the trusted ingest service states it: the importing user acts
 * as an ADMIN (every clinic) or as a CLINIC_MANAGER of {@code clinicIds}, so booking's own use cases enforce the
 * scope exactly as they do for that user's HTTP requests.
 *
 * @param importId the ingest job's id, recorded in every audit entry of the call
 * @param dryRun true when the rows are checked and answered as if applied, then rolled back
 */
public record ImportScope(UUID importId, UUID actorId, Set<UUID> clinicIds, boolean admin, boolean dryRun) {

    public ImportScope {
        clinicIds = Set.copyOf(clinicIds);
    }

    /** The importing user as booking's use cases see a caller. */
    AuthenticatedUser actor() {
        return admin
                ? new AuthenticatedUser(actorId, null, Set.of(AuthenticatedUser.ADMIN))
                : new AuthenticatedUser(actorId, null, Set.of(AuthenticatedUser.CLINIC_MANAGER), clinicIds);
    }
}
