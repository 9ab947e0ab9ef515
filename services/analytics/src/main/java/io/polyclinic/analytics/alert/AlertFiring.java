package io.polyclinic.analytics.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * One firing of a rule: an email job was queued for it.
 *
 * @param id the firing (also the email job's id, {@code alert-<id>})
 * @param ruleId the rule
 * @param firedAt when it fired
 * @param observed what was seen: visitors in the last hour, or minutes since the last pageview (the threshold when
 *     there was none in the whole window)
 * @param threshold the rule's threshold at that moment
 * @param email where the email went
 */
public record AlertFiring(UUID id, UUID ruleId, Instant firedAt, long observed, int threshold, String email) {}
