package io.polyclinic.analytics.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of tables {@code alert_rules} and {@code alert_firings}. */
@Repository
public class AlertRepository {

    private static final String COLUMNS = "id, site_id, kind, threshold, cooldown_minutes, email, locale, enabled,"
            + " last_fired_at, created_at, updated_at";

    private final JdbcClient jdbc;

    public AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AlertRule rule) {
        jdbc.sql("""
                        insert into alert_rules (id, site_id, kind, threshold, cooldown_minutes, email, locale,
                                                 enabled, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        rule.id(),
                        rule.siteId(),
                        rule.kind().name(),
                        rule.threshold(),
                        rule.cooldownMinutes(),
                        rule.email(),
                        rule.locale(),
                        rule.enabled(),
                        Timestamp.from(rule.createdAt()),
                        Timestamp.from(rule.updatedAt()))
                .update();
    }

    void update(AlertRule rule) {
        jdbc.sql("""
                        update alert_rules set kind = ?, threshold = ?, cooldown_minutes = ?, email = ?, locale = ?,
                                               enabled = ?, updated_at = ?
                        where id = ?
                        """)
                .params(
                        rule.kind().name(),
                        rule.threshold(),
                        rule.cooldownMinutes(),
                        rule.email(),
                        rule.locale(),
                        rule.enabled(),
                        Timestamp.from(rule.updatedAt()),
                        rule.id())
                .update();
    }

    boolean delete(UUID siteId, UUID id) {
        return jdbc.sql("delete from alert_rules where site_id = ? and id = ?")
                        .params(siteId, id)
                        .update()
                > 0;
    }

    Optional<AlertRule> find(UUID siteId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from alert_rules where site_id = ? and id = ?")
                .params(siteId, id)
                .query(AlertRepository::rule)
                .optional();
    }

    List<AlertRule> listBySite(UUID siteId) {
        return jdbc.sql("select " + COLUMNS + " from alert_rules where site_id = ? order by created_at, id")
                .param(siteId)
                .query(AlertRepository::rule)
                .list();
    }

    int countBySite(UUID siteId) {
        return jdbc.sql("select count(*) from alert_rules where site_id = ?")
                .param(siteId)
                .query(Integer.class)
                .single();
    }

    /** A rule due for evaluation with what its email names: the site's name and time zone. */
    record DueRule(AlertRule rule, String siteName, ZoneId zone) {}

    /**
     * The enabled rules of active sites whose cooldown has passed at {@code now}: the ones worth evaluating; only
     * those of the given kind and sites when they are not null.
     */
    List<DueRule> due(Instant now, @Nullable AlertKind kind, @Nullable Collection<UUID> siteIds) {
        return jdbc.sql("""
                        select r.id, r.site_id, r.kind, r.threshold, r.cooldown_minutes, r.email, r.locale, r.enabled,
                               r.last_fired_at, r.created_at, r.updated_at, s.name, s.time_zone
                        from alert_rules r join sites s on s.id = r.site_id
                        where r.enabled and s.active
                          and (r.last_fired_at is null
                               or r.last_fired_at + make_interval(mins => r.cooldown_minutes) <= :now)
                          and (cast(:kind as text) is null or r.kind = :kind)
                          and (cast(:sites as uuid[]) is null or r.site_id = any(cast(:sites as uuid[])))
                        order by r.id
                        """)
                .param("now", Timestamp.from(now))
                .param("kind", kind == null ? null : kind.name())
                .param("sites", siteIds == null ? null : siteIds.toArray(UUID[]::new))
                .query((rs, n) -> new DueRule(rule(rs, n), rs.getString(12), ZoneId.of(rs.getString(13))))
                .list();
    }

    /**
     * Claims a firing: sets {@code last_fired_at} to {@code now} only if the rule is still enabled and out of its
     * cooldown. The row lock makes concurrent claims (two replicas, or the stream and the schedule) wait for each
     * other, and the condition lets only the first through.
     *
     * @return whether this caller fired the rule
     */
    boolean claimFiring(UUID id, Instant now) {
        return jdbc.sql("""
                                update alert_rules set last_fired_at = ?
                                where id = ? and enabled
                                  and (last_fired_at is null
                                       or last_fired_at + make_interval(mins => cooldown_minutes) <= ?)
                                """)
                        .params(Timestamp.from(now), id, Timestamp.from(now))
                        .update()
                == 1;
    }

    void insertFiring(AlertFiring firing) {
        jdbc.sql("""
                        insert into alert_firings (id, rule_id, fired_at, observed, threshold, email)
                        values (?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        firing.id(),
                        firing.ruleId(),
                        Timestamp.from(firing.firedAt()),
                        firing.observed(),
                        firing.threshold(),
                        firing.email())
                .update();
    }

    List<AlertFiring> firings(UUID ruleId, long offset, int limit) {
        return jdbc.sql("""
                        select id, rule_id, fired_at, observed, threshold, email from alert_firings
                        where rule_id = ? order by fired_at desc, id desc offset ? limit ?
                        """)
                .params(ruleId, offset, limit)
                .query((rs, n) -> new AlertFiring(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant(),
                        rs.getLong(4),
                        rs.getInt(5),
                        rs.getString(6)))
                .list();
    }

    long countFirings(UUID ruleId) {
        return jdbc.sql("select count(*) from alert_firings where rule_id = ?")
                .param(ruleId)
                .query(Long.class)
                .single();
    }

    private static AlertRule rule(ResultSet rs, int n) throws SQLException {
        var lastFired = rs.getTimestamp(9);
        return new AlertRule(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                AlertKind.valueOf(rs.getString(3)),
                rs.getInt(4),
                rs.getInt(5),
                rs.getString(6),
                rs.getString(7),
                rs.getBoolean(8),
                lastFired == null ? null : lastFired.toInstant(),
                rs.getTimestamp(10).toInstant(),
                rs.getTimestamp(11).toInstant());
    }
}
