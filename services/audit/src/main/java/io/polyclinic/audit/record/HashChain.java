package io.polyclinic.audit.record;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The audit log's chain of links (decisions 0018, 0030). A keyed link (every record appended now) is
 * {@code HMAC-SHA256(key, hash(n-1) || canonical-v2(n))}; an unkeyed link (records appended before keying) is
 * {@code SHA-256(hash(n-1) || canonical-v1(n))}; {@code hash(0)} is 32 zero bytes. {@code canonical(n)} is an
 * unambiguous byte encoding of every stored field of record {@code n}, its {@code seq} and {@code recordedAt}
 * included. Changing, removing or reordering any record changes every later link, so a verification finds the first
 * altered record; without the key nobody can compute a keyed link that verifies.
 *
 * <p>Canonical form: the ASCII tag ({@code audit-v1} unkeyed, {@code audit-v2} keyed), then for each field in the
 * order seq, id, occurredAt, recordedAt, source, actorId, action, entityType, entityId, details, requestId, traceId,
 * ip and (v2 only) the key id: a separator {@code |} followed by {@code ~} for {@code null} or by the value's UTF-8
 * byte length in decimal, a {@code :} and the UTF-8 bytes (a netstring, so no value can imitate a separator).
 * Instants are written as epoch microseconds, UUIDs in lower-case text, seq in decimal.
 */
public final class HashChain {

    /** The link before the first record. */
    public static final byte[] GENESIS = new byte[32];

    private static final byte[] TAG = "audit-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYED_TAG = "audit-v2".getBytes(StandardCharsets.US_ASCII);

    private HashChain() {}

    /**
     * The keyed link of a record.
     *
     * @param keys the key ring
     * @param keyId the id of the key to link with (stored with the record)
     * @param previous the previous record's link ({@link #GENESIS} for seq 1), 32 bytes
     * @param seq the record's position
     * @param recordedAt when it was stored, microsecond precision
     * @param record the record
     * @return 32 bytes
     * @throws IllegalArgumentException for a key id the ring does not know
     */
    public static byte[] keyedLink(
            ChainKeys keys, String keyId, byte[] previous, long seq, Instant recordedAt, AuditRecord record) {
        var mac = keys.mac(keyId);
        mac.update(previous);
        var out = canonicalFields(KEYED_TAG, seq, recordedAt, record);
        field(out, keyId);
        mac.update(out.toByteArray());
        return mac.doFinal();
    }

    /**
     * The unkeyed link of a record, as linked before the chain was keyed; verification only.
     *
     * @param previous the previous record's link ({@link #GENESIS} for seq 1), 32 bytes
     * @param seq the record's position
     * @param recordedAt when it was stored, microsecond precision
     * @param record the record
     * @return 32 bytes
     */
    public static byte[] link(byte[] previous, long seq, Instant recordedAt, AuditRecord record) {
        var digest = sha256();
        digest.update(previous);
        digest.update(canonical(seq, recordedAt, record));
        return digest.digest();
    }

    /** The canonical bytes of a record at a position (see the class comment). */
    static byte[] canonical(long seq, Instant recordedAt, AuditRecord record) {
        return canonicalFields(TAG, seq, recordedAt, record).toByteArray();
    }

    private static ByteArrayOutputStream canonicalFields(byte[] tag, long seq, Instant recordedAt, AuditRecord record) {
        var out = new ByteArrayOutputStream(256);
        out.writeBytes(tag);
        field(out, Long.toString(seq));
        field(out, record.id().toString());
        field(out, micros(record.occurredAt()));
        field(out, micros(recordedAt));
        field(out, record.source());
        field(out, record.actorId() == null ? null : record.actorId().toString());
        field(out, record.action());
        field(out, record.entityType());
        field(out, record.entityId());
        field(out, record.detailsJson());
        field(out, record.requestId());
        field(out, record.traceId());
        field(out, record.ip());
        return out;
    }

    /** Lower-case hex of a link. */
    public static String hex(byte[] hash) {
        return java.util.HexFormat.of().formatHex(hash);
    }

    private static void field(ByteArrayOutputStream out, String value) {
        out.write('|');
        if (value == null) {
            out.write('~');
            return;
        }
        var bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        out.writeBytes(bytes);
    }

    private static String micros(Instant instant) {
        Objects.requireNonNull(instant);
        return Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
