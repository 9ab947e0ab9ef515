package io.polyclinic.identity.user;

import io.polyclinic.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code users}, {@code user_roles} and {@code user_clinics} to {@link User}s and back. */
@Repository
public class UserRepository {

    private static final String SELECT_USERS = """
            select u.id, u.email, u.full_name, u.password_hash, u.created_at,
                   coalesce((select string_agg(r.role, ',') from user_roles r where r.user_id = u.id), '') as roles,
                   coalesce((select string_agg(c.clinic_id::text, ',') from user_clinics c where c.user_id = u.id), '')
                       as clinics
            from users u
            """;

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the user and its roles.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the email is taken (ignoring case)
     */
    public void insert(User user) {
        jdbc.sql("""
                        insert into users (id, email, full_name, password_hash, created_at, updated_at)
                        values (:id, :email, :fullName, :passwordHash, :createdAt, :createdAt)
                        """)
                .param("id", user.id())
                .param("email", user.email())
                .param("fullName", user.fullName())
                .param("passwordHash", user.passwordHash())
                .param("createdAt", Timestamp.from(user.createdAt()))
                .update();
        insertRoles(user.id(), user.roles());
    }

    /**
     * Replaces the password hash if it is still {@code oldHash} (so a concurrent change is never overwritten) and
     * bumps {@code updated_at}.
     *
     * @return whether it was replaced
     */
    public boolean replacePasswordHash(UUID userId, String oldHash, String newHash, Instant now) {
        return jdbc.sql("""
                        update users set password_hash = :newHash, updated_at = :now
                        where id = :userId and password_hash = :oldHash
                        """)
                        .param("newHash", newHash)
                        .param("now", Timestamp.from(now))
                        .param("userId", userId)
                        .param("oldHash", oldHash)
                        .update()
                == 1;
    }

    /** The user with this email, ignoring case. */
    public Optional<User> findByEmail(String email) {
        return jdbc.sql(SELECT_USERS + " where lower(u.email) = lower(:email)")
                .param("email", email)
                .query(UserRepository::map)
                .optional();
    }

    /** The user with this id. */
    public Optional<User> findById(UUID id) {
        return jdbc.sql(SELECT_USERS + " where u.id = :id")
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    /** One page of users, oldest first, optionally only those whose email contains {@code emailPart} (any case). */
    public List<User> page(String emailPart, PageQuery query) {
        return jdbc.sql(SELECT_USERS + where(emailPart) + " order by u.created_at, u.id limit :limit offset :offset")
                .param("emailPart", emailPart == null ? "" : emailPart)
                .param("limit", query.size())
                .param("offset", query.offset())
                .query(UserRepository::map)
                .list();
    }

    /** How many users {@link #page} pages over. */
    public long count(String emailPart) {
        return jdbc.sql("select count(*) from users u" + where(emailPart))
                .param("emailPart", emailPart == null ? "" : emailPart)
                .query(Long.class)
                .single();
    }

    /** A substring match that needs no LIKE escaping; a sequential scan serves the rare admin search. */
    private static String where(String emailPart) {
        return emailPart == null || emailPart.isEmpty() ? "" : " where strpos(lower(u.email), lower(:emailPart)) > 0";
    }

    /**
     * Serializes role changes until the end of the current transaction (a transaction-level advisory lock), so that
     * two administrators demoting each other cannot both succeed.
     */
    public void lockRoleChanges() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('identity.user_roles'))")
                .query((rs, i) -> 1)
                .list();
    }

    /** How many users other than {@code userId} hold ADMIN. */
    public long countAdminsOtherThan(UUID userId) {
        return jdbc.sql("select count(*) from user_roles where role = 'ADMIN' and user_id <> :userId")
                .param("userId", userId)
                .query(Long.class)
                .single();
    }

    /** Replaces the user's roles and bumps {@code updated_at}. */
    public void replaceRoles(UUID userId, Collection<Role> roles, Instant now) {
        jdbc.sql("delete from user_roles where user_id = :userId")
                .param("userId", userId)
                .update();
        insertRoles(userId, roles);
        jdbc.sql("update users set updated_at = :now where id = :userId")
                .param("now", Timestamp.from(now))
                .param("userId", userId)
                .update();
    }

    /**
     * Locks the user's row until the end of the current transaction, so that concurrent replacements of one user's
     * clinics apply one after the other.
     *
     * @return whether the user exists
     */
    public boolean lockUser(UUID userId) {
        return !jdbc.sql("select id from users where id = :userId for update")
                .param("userId", userId)
                .query(UUID.class)
                .list()
                .isEmpty();
    }

    /** Replaces the user's assigned clinics and bumps {@code updated_at}. */
    public void replaceClinics(UUID userId, Collection<UUID> clinicIds, Instant now) {
        jdbc.sql("delete from user_clinics where user_id = :userId")
                .param("userId", userId)
                .update();
        for (var clinicId : clinicIds) {
            jdbc.sql("insert into user_clinics (user_id, clinic_id) values (:userId, :clinicId)")
                    .param("userId", userId)
                    .param("clinicId", clinicId)
                    .update();
        }
        jdbc.sql("update users set updated_at = :now where id = :userId")
                .param("now", Timestamp.from(now))
                .param("userId", userId)
                .update();
    }

    private void insertRoles(UUID userId, Collection<Role> roles) {
        for (var role : roles) {
            jdbc.sql("insert into user_roles (user_id, role) values (:userId, :role)")
                    .param("userId", userId)
                    .param("role", role.name())
                    .update();
        }
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        var roles = EnumSet.noneOf(Role.class);
        Arrays.stream(rs.getString("roles").split(","))
                .filter(s -> !s.isEmpty())
                .forEach(name -> roles.add(Role.valueOf(name)));
        var clinics = Arrays.stream(rs.getString("clinics").split(","))
                .filter(s -> !s.isEmpty())
                .map(UUID::fromString)
                .collect(Collectors.toSet());
        return new User(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("full_name"),
                rs.getString("password_hash"),
                roles,
                rs.getTimestamp("created_at").toInstant(),
                clinics);
    }
}
