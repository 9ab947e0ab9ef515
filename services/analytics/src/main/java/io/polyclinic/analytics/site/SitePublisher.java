package io.polyclinic.analytics.site;

import io.polyclinic.contracts.analytics.SiteRecord;
import io.polyclinic.platform.outbox.Outbox;

/**
 * Publishes a site's record to the compacted topic the collector reads ({@code analytics.sites}, key = tracking id),
 * through the outbox, in the transaction of the change: the latest record per tracking id is what compaction keeps,
 * so a collector that reads the topic from the start knows every site. A deleted site is published with
 * {@code active = false} rather than a tombstone, since the outbox carries JSON documents only; the collector refuses
 * an inactive site's events as it would an unknown site's (decision 0048).
 */
public class SitePublisher {

    private final Outbox outbox;
    private final String topic;

    public SitePublisher(Outbox outbox, String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    /** Appends the site's current record to the outbox; call inside the change's transaction. */
    public void publish(Site site) {
        var record = new SiteRecord(
                SiteRecord.VERSION,
                site.trackingId(),
                site.domains(),
                site.timeZone().getId(),
                site.active());
        outbox.append(topic, site.trackingId(), SiteRecord.CONTRACT, record);
    }
}
