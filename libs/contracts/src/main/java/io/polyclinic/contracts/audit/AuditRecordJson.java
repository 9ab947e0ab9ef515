package io.polyclinic.contracts.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.polyclinic.contracts.audit.v1.AuditRecord;

/**
 * The JSON form of the audit record, as services keep it in their outbox until it is relayed to the audit service:
 * the proto3 JSON mapping of {@code polyclinic.audit.v1.AuditRecord} ({@code audit.proto} is the one definition of
 * the record's shape; decision 0035). Field names are the proto's in lowerCamelCase ({@code id}, {@code occurredAt}
 * as an RFC 3339 instant, {@code source}, {@code actorId}, {@code action}, {@code entityType}, {@code entityId},
 * {@code detailsJson} as a string holding a JSON object, {@code requestId}, {@code traceId}, {@code ip}); absent
 * fields are left out.
 */
public final class AuditRecordJson {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private AuditRecordJson() {}

    /** The record's JSON text. */
    public static String toJson(AuditRecord record) {
        try {
            return PRINTER.print(record);
        } catch (InvalidProtocolBufferException e) {
            // Only Any fields without a type registry fail to print; the record has none.
            throw new IllegalStateException(e);
        }
    }

    /**
     * A record from its JSON text.
     *
     * @throws IllegalArgumentException when the text is not JSON, has a field the record does not have, or a field of
     *     the wrong type
     */
    public static AuditRecord fromJson(String json) {
        var record = AuditRecord.newBuilder();
        try {
            PARSER.merge(json, record);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return record.build();
    }
}
