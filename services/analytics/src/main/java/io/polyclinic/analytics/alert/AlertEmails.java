package io.polyclinic.analytics.alert;

import io.polyclinic.contracts.jobs.EmailJob;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The email of a firing, in the rule's language ({@code ru} or {@code en}), plain text only (the notifier sends it
 * as given). The job id is {@code alert-<firing id>}: the notifier sends one email per id, so a job the outbox
 * delivers twice is one email.
 */
final class AlertEmails {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private AlertEmails() {}

    static EmailJob job(AlertRule rule, AlertFiring firing, String siteName, ZoneId zone, String dashboardUrl) {
        var at = TIME.format(ZonedDateTime.ofInstant(firing.firedAt(), zone));
        var ru = "ru".equals(rule.locale());
        String subject;
        String text;
        if (rule.kind() == AlertKind.VISITORS_PER_HOUR) {
            subject = ru ? "Всплеск посещаемости: " + siteName : "Traffic spike: " + siteName;
            text = ru
                    ? "На сайте «" + siteName + "» " + firing.observed() + " посетителей за последний час (порог "
                            + rule.threshold() + "), " + at + "."
                    : "Site \"" + siteName + "\" had " + firing.observed() + " visitors in the last hour (threshold "
                            + rule.threshold() + "), " + at + ".";
        } else {
            subject = ru ? "Нет просмотров: " + siteName : "No pageviews: " + siteName;
            text = ru
                    ? "На сайте «" + siteName + "» нет просмотров страниц уже " + rule.threshold() + " мин., " + at
                            + ". Проверьте сайт и код счётчика."
                    : "Site \"" + siteName + "\" has had no pageviews for " + rule.threshold() + " minutes, " + at
                            + ". Check the site and its tracking snippet.";
        }
        var quiet = ru
                ? "\n\nСледующее письмо по этому правилу — не раньше чем через " + rule.cooldownMinutes() + " мин."
                : "\n\nThis rule stays quiet for " + rule.cooldownMinutes() + " minutes now.";
        var link = dashboardUrl.isBlank() ? "" : "\n" + dashboardUrl;
        return new EmailJob("alert-" + firing.id(), rule.email(), subject, text + quiet + link, null, ru ? "ru" : "en");
    }
}
