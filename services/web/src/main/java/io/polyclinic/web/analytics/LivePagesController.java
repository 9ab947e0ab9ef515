package io.polyclinic.web.analytics;

import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live view of a site ({@code /manage/analytics/sites/{id}/live}): visitors of the last 5 minutes, top pages of the
 * last minute, visitors by country and the last 10 events, rendered with the figures of the moment and then updated by
 * {@code /js/analytics.js} from the page's own event stream ({@code .../live/stream}, relayed from the analytics
 * service by {@link LiveStreamRelay}). Without JavaScript a reload shows the new figures.
 */
@Controller
class LivePagesController {

    private final AnalyticsApi analytics;
    private final LiveStreamRelay relay;

    LivePagesController(AnalyticsApi analytics, LiveStreamRelay relay) {
        this.analytics = analytics;
        this.relay = relay;
    }

    @GetMapping("/manage/analytics/sites/{id}/live")
    String live(@PathVariable UUID id, Model model) {
        model.addAttribute("site", analytics.site(id));
        model.addAttribute("live", analytics.realtime(id));
        return "analytics/live";
    }

    /** {@code text/event-stream}: event {@code realtime} (the API's JSON) on every change; {@code problem} (a status). */
    @GetMapping(path = "/manage/analytics/sites/{id}/live/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream(@PathVariable UUID id) {
        return relay.open(id);
    }
}
