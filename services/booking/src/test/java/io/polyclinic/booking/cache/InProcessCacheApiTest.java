package io.polyclinic.booking.cache;

/** The cache contract against the default in-process (Caffeine) cache, in the shared test context. */
class InProcessCacheApiTest extends BookingCacheContract {}
