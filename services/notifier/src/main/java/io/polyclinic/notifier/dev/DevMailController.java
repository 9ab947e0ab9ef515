package io.polyclinic.notifier.dev;

import io.polyclinic.platform.problem.NotFoundException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dev/mail?limit=50}: the emails the dev stack's SMTP server received, newest first (sender, recipients,
 * subject, attachment names; never bodies). Exists only with {@code polyclinic.notifier.dev-mail-page=true}, which
 * only the dev stack sets.
 */
@RestController
@ConditionalOnProperty(name = "polyclinic.notifier.dev-mail-page", havingValue = "true")
public class DevMailController {

    private static final int MAX_LIMIT = 200;

    private final ObjectProvider<MailInbox> inbox;

    public DevMailController(ObjectProvider<MailInbox> inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/dev/mail")
    public List<MailInbox.ReceivedMail> mail(@RequestParam(defaultValue = "50") int limit) {
        var source = inbox.getIfAvailable();
        if (source == null) {
            throw new NotFoundException("dev SMTP inbox", "dev");
        }
        return source.newest(Math.clamp(limit, 1, MAX_LIMIT));
    }
}
