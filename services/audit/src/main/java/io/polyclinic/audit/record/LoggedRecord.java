package io.polyclinic.audit.record;

import java.time.Instant;

/**
 * A record as the log holds it.
 *
 * @param seq its position in the log, gapless from 1
 * @param recordedAt when the audit service stored it (microseconds)
 * @param hash its 32-byte chain link
 * @param keyId the id of the chain key its link was made with; {@code null} for an unkeyed link made before the
 *     chain was keyed (decision 0030)
 * @param record what the client wrote
 */
public record LoggedRecord(long seq, Instant recordedAt, byte[] hash, String keyId, AuditRecord record) {}
