package io.polyclinic.dev;

import io.polyclinic.testkit.s3.S3ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service (docs/product.md, the ingest part) in the dev stack: its S3 server (S3Proxy as a child JVM with
 * its buckets in {@code var/s3}, decision 0042), its arguments, and two years of demo {@code clinic_visits} for the
 * demo clinics, written once so that the warehouse views Superset reads are not empty.
 */
final class IngestDevBlock {

    /** Ingest's HTTP and gRPC ports, and the S3 server's, when the stack runs on its fixed ports. */
    static final int INGEST_PORT = 8085;

    static final int INGEST_GRPC_PORT = 9085;
    static final int S3_PORT = 9000;

    private static final Logger log = LoggerFactory.getLogger(IngestDevBlock.class);

    private IngestDevBlock() {}

    /**
     * Starts the S3 server with the keys of this {@code var/} directory (generated on the first start) and the web
     * UI's origins allowed by CORS.
     *
     * @param fixedPorts whether the stack runs on its fixed ports (else a free port)
     */
    static S3ServerProcess startS3(Path var, boolean fixedPorts, List<String> corsOrigins) {
        var accessKey = DevSecrets.kept(
                var.resolve("s3").resolve("access-key"),
                12,
                Base64.getUrlEncoder().withoutPadding());
        var secretKey = DevSecrets.kept(
                var.resolve("s3").resolve("secret-key"),
                24,
                Base64.getUrlEncoder().withoutPadding());
        try {
            return S3ServerProcess.start(
                    var.resolve("s3"), fixedPorts ? S3_PORT : 0, accessKey, secretKey, corsOrigins);
        } catch (IOException e) {
            throw new UncheckedIOException("The S3 server did not start", e);
        }
    }

    /**
     * Ingest's own arguments on top of the stack's service arguments.
     *
     * @param serviceArgs the stack's arguments of any service (port, database, Kafka), without the no-gRPC switch
     * @param grpcPort ingest's gRPC port
     * @param s3 the S3 server
     * @param bookingUrl booking's HTTP base URL (clinic names)
     */
    static List<String> args(
            List<String> serviceArgs,
            int grpcPort,
            S3ServerProcess s3,
            String jwksUri,
            String auditTarget,
            String bookingUrl) {
        var args = new ArrayList<>(serviceArgs);
        args.add("--spring.grpc.server.port=" + grpcPort);
        args.add("--spring.grpc.server.host=127.0.0.1");
        args.add("--management.health.rabbit.enabled=false");
        args.add("--polyclinic.security.jwk-set-uri=" + jwksUri);
        args.add("--polyclinic.audit.target=" + auditTarget);
        args.add("--polyclinic.ingest.booking-uri=" + bookingUrl);
        args.add("--polyclinic.ingest.storage.endpoint=" + s3.endpoint());
        args.add("--polyclinic.ingest.storage.access-key=" + s3.accessKey());
        args.add("--polyclinic.ingest.storage.secret-key=" + s3.secretKey());
        return args;
    }

    /**
     * Writes 24 months of visits and revenue for up to 8 of booking's clinics, 5 departments and 3 doctors each, in
     * one INSERT ... SELECT, unless the warehouse already has rows. Figures are deterministic (hashes of the key), with
     * a yearly season and growth, so charts look alike on every laptop.
     */
    static void seedWarehouseOnce(String ingestJdbcUrl, String bookingJdbcUrl, String user) {
        try (var ingest = DriverManager.getConnection(ingestJdbcUrl, user, "");
                var booking = DriverManager.getConnection(bookingJdbcUrl, user, "")) {
            try (var check = ingest.createStatement();
                    var rs = check.executeQuery("select exists (select 1 from warehouse.clinic_visits)")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
            var clinics = new ArrayList<String>();
            try (var statement = booking.createStatement();
                    var rs = statement.executeQuery("select name from clinics order by name limit 8")) {
                while (rs.next()) {
                    clinics.add(rs.getString(1));
                }
            }
            if (clinics.isEmpty()) {
                log.info("No clinics in booking: the warehouse stays empty");
                return;
            }
            var sql = """
                    insert into warehouse.clinic_visits (month, clinic, department, doctor, visits, revenue)
                    select m.month, c.clinic, d.department, d.department || ' ' || doc.n,
                           v.visits, round(v.visits * (1800 + abs(hashtext(c.clinic || d.department)) % 2200), 2)
                    from generate_series(date_trunc('month', now())::date - interval '23 months',
                                         date_trunc('month', now())::date, interval '1 month') as m(month)
                    cross join unnest(?::text[]) as c(clinic)
                    cross join unnest(array['Терапия', 'Кардиология', 'Неврология', 'Педиатрия', 'Хирургия'])
                        as d(department)
                    cross join (values ('— врач 1'), ('— врач 2'), ('— врач 3')) as doc(n)
                    cross join lateral (select (60 + abs(hashtext(c.clinic || d.department || doc.n || m.month)) % 140
                        + 25 * sin(extract(month from m.month) / 12.0 * 2 * pi())
                        + extract(epoch from m.month - (now() - interval '2 years')) / 86400 / 30)::int as visits) v
                    """;
            try (var insert = ingest.prepareStatement(sql)) {
                insert.setArray(1, ingest.createArrayOf("text", clinics.toArray()));
                int rows = insert.executeUpdate();
                log.info("Warehouse demo data: {} rows of clinic_visits for {} clinics", rows, clinics.size());
            }
        } catch (SQLException e) {
            log.warn("Could not seed the warehouse's demo data", e);
        }
    }
}
