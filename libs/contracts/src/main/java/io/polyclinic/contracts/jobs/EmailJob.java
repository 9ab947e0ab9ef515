package io.polyclinic.contracts.jobs;

/**
 * An email job: one email that a service asks the notifier to send (web-analytics alerts, for example). It is
 * published as one JSON message (content type {@code application/json}, UTF-8) on the RabbitMQ queue
 * {@link #QUEUE} through the default exchange; its JSON Schema is {@code jobs/EmailJob.schema.json} in this module's
 * resources, and the notifier refuses (dead-letters, with the reason) a job that breaks it. Example:
 * {@code {"id":"alert-42-2026-12-01T10:00Z","to":"ops@clinic.example","subject":"Traffic alert",
 * "text":"Traffic dropped by 80 %.","html":null,"locale":"en"}}.
 *
 * <p>Delivery: the notifier acknowledges the message once the email is recorded and then sends it, retrying an
 * unreachable mail server without limit. A job id is sent at most once: the first job with an id wins, a later one
 * with the same id is acknowledged and dropped, so a producer may publish again whenever it is unsure.
 *
 * @param id the producer's id of the job, 1..200 characters with at least one that is not white space; make it
 *     unique per email meant (e.g. the alert and the moment it fired)
 * @param to one recipient address, {@code local@domain}, at most 254 characters, no display name
 * @param subject one line, 1..200 characters
 * @param text the plain-text body, 1..100,000 characters
 * @param html an HTML alternative of at most 200,000 characters, or {@code null}; sent as given (the producer escapes
 *     what it puts in)
 * @param locale the language the producer wrote it in, {@code ru} or {@code en} (see
 *     {@link io.polyclinic.contracts.Language#tag()}), or {@code null} for English; may be left out
 */
public record EmailJob(String id, String to, String subject, String text, String html, String locale) {

    /** The work queue jobs are published to (default exchange, routing key = the queue name). */
    public static final String QUEUE = "notifications.email";

    /** The name of this contract's schema, for {@link io.polyclinic.contracts.schema.ContractSchemas}. */
    public static final String CONTRACT = "EmailJob";
}
