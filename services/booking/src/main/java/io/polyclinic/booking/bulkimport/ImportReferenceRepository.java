package io.polyclinic.booking.bulkimport;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads what an import's rows may name: every clinic (id, name, time zone) and every specialty (code, names). */
@Repository
public class ImportReferenceRepository {

    /** More clinics or specialties than this and an import refuses to start (nothing is that large here). */
    static final int MAX_REFERENCES = 100_000;

    private final JdbcClient jdbc;

    public ImportReferenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A clinic as a row may name it. */
    record ClinicRef(UUID id, String name, String timeZone) {}

    /** A specialty as a row may name it. */
    record SpecialtyRef(String code, String nameRu, String nameEn) {}

    List<ClinicRef> clinics() {
        return jdbc.sql("select id, name, time_zone from clinics order by id limit " + MAX_REFERENCES)
                .query((rs, n) ->
                        new ClinicRef(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("time_zone")))
                .list();
    }

    List<SpecialtyRef> specialties() {
        return jdbc.sql("select code, name_ru, name_en from specialties order by code limit " + MAX_REFERENCES)
                .query((rs, n) ->
                        new SpecialtyRef(rs.getString("code"), rs.getString("name_ru"), rs.getString("name_en")))
                .list();
    }
}
