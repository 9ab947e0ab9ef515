package io.polyclinic.notifier.job;

import java.util.Locale;

/**
 * An email job from the {@code notifications.email} queue (S5, used by analytics alerts). The message body is JSON:
 * {@code {"id":"alert-42-2026-12-01T10:00Z","to":"ops@clinic.example","subject":"...","text":"...",
 * "html":"..." (optional),"locale":"ru"|"en" (optional)}}; unknown fields are ignored.
 *
 * @param id the producer's id of the job, 1-200 characters: a job id is sent at most once (the first job with an
 *     id wins; a later one with the same id is acknowledged and dropped)
 * @param to one recipient address
 * @param subject at most 200 characters, one line
 * @param text the plain-text body, at most 100,000 characters
 * @param html an HTML alternative, or {@code null}; sent as given (the producer escapes what it puts in)
 * @param locale the language the producer wrote it in ({@code ru} or {@code en}, default English); kept for
 *     templates that wrap job emails later, not used yet
 */
public record EmailJob(String id, String to, String subject, String text, String html, Locale locale) {}
