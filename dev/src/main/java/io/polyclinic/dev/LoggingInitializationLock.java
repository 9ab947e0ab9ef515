package io.polyclinic.dev;

import java.util.concurrent.Semaphore;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Lets only one application at a time through the phase where Spring Boot (re)configures the JVM-wide logging
 * system (from starting to prepared); the rest of the start, refreshing the context, runs in parallel. Two
 * applications configuring Logback at once leave it half-configured ({@code %PARSER_ERROR[clr]} in every line).
 */
final class LoggingInitializationLock implements ApplicationListener<SpringApplicationEvent>, Ordered {

    private static final Semaphore PERMIT = new Semaphore(1);

    private boolean held;

    /** Before Spring Boot's logging listener, which touches Logback already when the application starts. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationStartingEvent) {
            PERMIT.acquireUninterruptibly();
            held = true;
        } else if ((event instanceof ApplicationPreparedEvent || event instanceof ApplicationFailedEvent) && held) {
            held = false;
            PERMIT.release();
        }
    }
}
