package io.polyclinic.booking.specialty;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code specialties}. */
@Repository
public class SpecialtyRepository {

    private static final RowMapper<Specialty> MAPPER =
            (rs, n) -> new Specialty(rs.getString("code"), rs.getString("name_ru"), rs.getString("name_en"));

    private final JdbcClient jdbc;

    public SpecialtyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts; answers false when the code exists already. */
    public boolean insert(Specialty s) {
        return jdbc.sql("insert into specialties (code, name_ru, name_en) values (?, ?, ?) on conflict do nothing")
                        .params(s.code(), s.nameRu(), s.nameEn())
                        .update()
                > 0;
    }

    public boolean update(Specialty s) {
        return jdbc.sql("update specialties set name_ru = ?, name_en = ? where code = ?")
                        .params(s.nameRu(), s.nameEn(), s.code())
                        .update()
                > 0;
    }

    public Optional<Specialty> find(String code) {
        return jdbc.sql("select * from specialties where code = ?")
                .param(code)
                .query(MAPPER)
                .optional();
    }

    /** One page of specialties by code. */
    public List<Specialty> findPage(long offset, int limit) {
        return jdbc.sql("select * from specialties order by code limit :limit offset :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query(MAPPER)
                .list();
    }

    /** How many specialties exist (the total behind {@link #findPage}). */
    public long count() {
        return jdbc.sql("select count(*) from specialties").query(Long.class).single();
    }

    /** The codes among {@code codes} that exist. */
    public List<String> existingCodes(Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select code from specialties where code in (:codes)")
                .param("codes", codes)
                .query(String.class)
                .list();
    }
}
