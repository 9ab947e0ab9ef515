package io.polyclinic.notifier.deadletter;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/notifier/dead-letters/replay} (ADMIN): after a fix, puts the dead-lettered booking events
 * ({@code booking.events.dlt}) and email jobs ({@code notifications.email.dlq}) through again; answers how many were
 * replayed ({@link ReplayReport}), or 409 while another replay runs.
 */
@RestController
public class DeadLetterController {

    private final DeadLetterReplayService replays;

    public DeadLetterController(DeadLetterReplayService replays) {
        this.replays = replays;
    }

    @PostMapping("/api/v1/notifier/dead-letters/replay")
    public ReplayReport replay() {
        return replays.replay();
    }
}
