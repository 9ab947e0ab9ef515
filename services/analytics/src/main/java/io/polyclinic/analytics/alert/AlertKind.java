package io.polyclinic.analytics.alert;

/** What an alert rule watches. */
public enum AlertKind {
    /** Distinct visitors in the last 60 minutes above the threshold: a spike. */
    VISITORS_PER_HOUR,
    /** No pageview for the threshold's minutes: the site or its snippet may be broken. */
    NO_PAGEVIEWS
}
