package io.polyclinic.identity.auth;

import io.polyclinic.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code sessions} and {@code refresh_tokens}; refresh tokens appear only as their SHA-256 hex hash. */
@Repository
public class SessionRepository {

    private final JdbcClient jdbc;

    public SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A session that a refresh token rotation moved forward.
     *
     * @param createdAt the session's login, from which its absolute lifetime counts
     */
    public record Rotation(UUID sessionId, UUID userId, Instant createdAt) {}

    /**
     * What is known of a refresh token that could not be rotated.
     *
     * @param rotated whether it was already exchanged for a newer token
     * @param sessionRevoked whether its session has ended
     */
    public record TokenState(UUID sessionId, UUID userId, boolean rotated, boolean sessionRevoked) {}

    /** Inserts a new session. */
    public void insertSession(Session session) {
        jdbc.sql("""
                        insert into sessions (id, user_id, created_at, last_used_at, expires_at, user_agent, ip)
                        values (:id, :userId, :createdAt, :lastUsedAt, :expiresAt, :userAgent, :ip)
                        """)
                .param("id", session.id())
                .param("userId", session.userId())
                .param("createdAt", ts(session.createdAt()))
                .param("lastUsedAt", ts(session.lastUsedAt()))
                .param("expiresAt", ts(session.expiresAt()))
                .param("userAgent", session.userAgent())
                .param("ip", session.ip())
                .update();
    }

    /** Stores a refresh token's hash in its session. */
    public void insertRefreshToken(String tokenHash, UUID sessionId, Instant issuedAt, Instant expiresAt) {
        jdbc.sql("""
                        insert into refresh_tokens (token_hash, session_id, issued_at, expires_at)
                        values (:hash, :sessionId, :issuedAt, :expiresAt)
                        """)
                .param("hash", tokenHash)
                .param("sessionId", sessionId)
                .param("issuedAt", ts(issuedAt))
                .param("expiresAt", ts(expiresAt))
                .update();
    }

    /**
     * Marks the token as rotated if, and only if, it is current: not yet rotated, not expired, its session not
     * revoked and created after {@code sessionCreatedAfter} (the absolute lifetime). One statement, so of two
     * concurrent rotations of one token exactly one gets the row (the other waits for the row lock, then sees
     * {@code rotated_at} set).
     */
    public Optional<Rotation> rotate(String tokenHash, Instant now, Instant sessionCreatedAfter) {
        return jdbc.sql("""
                        update refresh_tokens t set rotated_at = :now
                        from sessions s
                        where t.token_hash = :hash
                          and t.rotated_at is null
                          and t.expires_at > :now
                          and s.id = t.session_id
                          and s.revoked_at is null
                          and s.created_at > :createdAfter
                        returning t.session_id, s.user_id, s.created_at
                        """)
                .param("hash", tokenHash)
                .param("now", ts(now))
                .param("createdAfter", ts(sessionCreatedAfter))
                .query((rs, i) -> new Rotation(
                        rs.getObject("session_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /** The state of a stored refresh token, if the hash is known. */
    public Optional<TokenState> findToken(String tokenHash) {
        return jdbc.sql("""
                        select t.session_id, s.user_id, t.rotated_at is not null as rotated,
                               s.revoked_at is not null as revoked
                        from refresh_tokens t join sessions s on s.id = t.session_id
                        where t.token_hash = :hash
                        """)
                .param("hash", tokenHash)
                .query((rs, i) -> new TokenState(
                        rs.getObject("session_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getBoolean("rotated"),
                        rs.getBoolean("revoked")))
                .optional();
    }

    /** Records a refresh: last use now, the session lives until its newest token expires. */
    public void touch(UUID sessionId, Instant now, Instant expiresAt) {
        jdbc.sql("update sessions set last_used_at = :now, expires_at = :expiresAt where id = :id")
                .param("now", ts(now))
                .param("expiresAt", ts(expiresAt))
                .param("id", sessionId)
                .update();
    }

    /**
     * Ends one session of the user, if it is still open.
     *
     * @return whether a session was revoked now
     */
    public boolean revoke(UUID userId, UUID sessionId, RevocationReason reason, Instant now) {
        return jdbc.sql("""
                        update sessions set revoked_at = :now, revoked_reason = :reason
                        where id = :id and user_id = :userId and revoked_at is null
                        """)
                        .param("now", ts(now))
                        .param("reason", reason.name())
                        .param("id", sessionId)
                        .param("userId", userId)
                        .update()
                == 1;
    }

    /** Ends a session whatever its user (refresh token reuse). */
    public void revoke(UUID sessionId, RevocationReason reason, Instant now) {
        jdbc.sql("""
                        update sessions set revoked_at = :now, revoked_reason = :reason
                        where id = :id and revoked_at is null
                        """)
                .param("now", ts(now))
                .param("reason", reason.name())
                .param("id", sessionId)
                .update();
    }

    /**
     * Ends every open session of the user but {@code kept} (none kept when null).
     *
     * @return the ids of the sessions revoked now, each to be announced (its access tokens stop working)
     */
    public List<UUID> revokeAllBut(UUID userId, UUID kept, RevocationReason reason, Instant now) {
        var sql = """
                update sessions set revoked_at = :now, revoked_reason = :reason
                where user_id = :userId and revoked_at is null
                """ + (kept == null ? "" : " and id <> :kept") + " returning id";
        var statement = jdbc.sql(sql)
                .param("now", ts(now))
                .param("reason", reason.name())
                .param("userId", userId);
        if (kept != null) {
            statement = statement.param("kept", kept);
        }
        return statement.query(UUID.class).list();
    }

    /** Whether the user has a session with this id, open or not. */
    public boolean exists(UUID userId, UUID sessionId) {
        return jdbc.sql("select count(*) from sessions where id = :id and user_id = :userId")
                        .param("id", sessionId)
                        .param("userId", userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Whether the user's session is open: not revoked and not expired. */
    public boolean isActive(UUID userId, UUID sessionId, Instant now) {
        return jdbc.sql("""
                        select count(*) from sessions
                        where id = :id and user_id = :userId and revoked_at is null and expires_at > :now
                        """)
                        .param("id", sessionId)
                        .param("userId", userId)
                        .param("now", ts(now))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Deletes sessions (with their refresh tokens) that ended or expired before {@code endedBefore}, and refresh
     * tokens that expired before it inside sessions still alive (a long session rotates thousands of them).
     *
     * @return how many sessions were deleted
     */
    public int purge(Instant endedBefore) {
        jdbc.sql("delete from refresh_tokens where expires_at < :before")
                .param("before", ts(endedBefore))
                .update();
        return jdbc.sql("delete from sessions where revoked_at < :before or expires_at < :before")
                .param("before", ts(endedBefore))
                .update();
    }

    /** One page of the user's active sessions (not revoked, not expired), newest first. */
    public List<Session> active(UUID userId, Instant now, PageQuery query) {
        return jdbc.sql("""
                        select id, user_id, created_at, last_used_at, expires_at, user_agent, ip
                        from sessions
                        where user_id = :userId and revoked_at is null and expires_at > :now
                        order by created_at desc, id desc
                        limit :limit offset :offset
                        """)
                .param("userId", userId)
                .param("now", ts(now))
                .param("limit", query.size())
                .param("offset", query.offset())
                .query(SessionRepository::map)
                .list();
    }

    /** How many active sessions the user has. */
    public long countActive(UUID userId, Instant now) {
        return jdbc.sql("""
                        select count(*) from sessions
                        where user_id = :userId and revoked_at is null and expires_at > :now
                        """)
                .param("userId", userId)
                .param("now", ts(now))
                .query(Long.class)
                .single();
    }

    private static Session map(ResultSet rs, int row) throws SQLException {
        return new Session(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("last_used_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getString("user_agent"),
                rs.getString("ip"));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
