package io.polyclinic.ingest.dataset;

import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The import a sink loads rows for.
 *
 * @param importId the import job's id (sinks that audit or stamp rows use it)
 * @param actorUserId the user who started the import
 * @param clinicScope the clinics the user runs as a CLINIC_MANAGER (from the access token); a manager's rows outside
 *     it are row errors
 * @param admin whether the user is an ADMIN (no clinic restriction)
 * @param policy all-or-nothing or skip invalid rows
 * @param cancelled true once the import was cancelled; a sink checks it between batches and stops
 * @param commitAllowed asked by a transactional sink after the last row: false when the import must load nothing
 *     (an invalid row under {@link LoadPolicy#ALL_OR_NOTHING}, or a cancel), so it rolls back
 */
public record LoadContext(
        UUID importId,
        UUID actorUserId,
        Set<UUID> clinicScope,
        boolean admin,
        LoadPolicy policy,
        BooleanSupplier cancelled,
        BooleanSupplier commitAllowed) {

    public LoadContext {
        clinicScope = Set.copyOf(clinicScope);
    }
}
