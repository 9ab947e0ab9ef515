package io.polyclinic.analytics.site;

import io.polyclinic.platform.outbox.Outbox;
import java.util.LinkedHashMap;

/**
 * Publishes a site's record to the compacted topic the collector reads ({@code analytics.sites}, key = tracking id),
 * through the outbox, in the transaction of the change: the latest record per tracking id is what compaction keeps,
 * so a collector that reads the topic from the start knows every site. A deleted site is published with
 * {@code active = false} rather than a tombstone, since the outbox carries JSON documents only; the collector treats
 * both alike (decision 0048).
 */
public class SitePublisher {

    /** The outbox message type of a site record. */
    public static final String TYPE = "SiteRecord";

    private final Outbox outbox;
    private final String topic;

    public SitePublisher(Outbox outbox, String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    /** Appends the site's current record to the outbox; call inside the change's transaction. */
    public void publish(Site site) {
        var record = new LinkedHashMap<String, Object>();
        record.put("trackingId", site.trackingId());
        record.put("domains", site.domains());
        record.put("timeZone", site.timeZone().getId());
        record.put("active", site.active());
        outbox.append(topic, site.trackingId(), TYPE, record);
    }
}
