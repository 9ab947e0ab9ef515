package io.polyclinic.notifier.deadletter;

/**
 * What a replay of the dead letters did.
 *
 * @param events the booking events of {@code booking.events.dlt}
 * @param jobs the email jobs of {@code notifications.email.dlq}
 */
public record ReplayReport(Events events, Jobs jobs) {

    /**
     * @param replayed dead-lettered events handled successfully this time (each sends its email unless it was sent
     *     before)
     * @param deadLetteredAgain events that failed again (still malformed): appended to the dead-letter topic anew
     * @param left events still waiting in the topic because the replay stopped early (an outage, or its time limit);
     *     a later replay takes them
     */
    public record Events(int replayed, int deadLetteredAgain, long left) {}

    /**
     * @param replayed jobs moved back to the work queue (a job that is still malformed comes back to the dead-letter
     *     queue)
     * @param left jobs still in the dead-letter queue because the replay stopped early
     */
    public record Jobs(int replayed, long left) {}
}
