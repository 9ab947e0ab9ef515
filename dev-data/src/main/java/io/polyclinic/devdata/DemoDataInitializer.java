package io.polyclinic.devdata;

import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Loads the demo data into the booking service it is added to (the dev stack adds it, in its own JVM or in the
 * service's, see {@code ServiceLauncher}): once the context has started, so booking's migrations have created the
 * schema, and before the service reports ready, so a first search finds the doctors. Settings:
 * {@link DemoDataSettings#from} the service's environment; {@code polyclinic.dev-data.enabled=false} turns it off.
 * The small set is loaded once, the large set once into a database without demo data. The small set's slots are
 * topped up on every start in two steps: the first {@link #FIRST_DAYS} days before the service reports ready (every
 * demo doctor has a free time at once, a weekend included), the rest up to days-ahead on a background thread once the
 * service is ready, which on a first start keeps about 80,000 slot inserts off the time to "ready".
 */
public final class DemoDataInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Days of free slots, from today, that exist before the service reports ready. */
    public static final int FIRST_DAYS = 4;

    private static final Logger log = LoggerFactory.getLogger(DemoDataInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.addApplicationListener(new Loader());
    }

    private static final class Loader implements ApplicationListener<ApplicationEvent> {

        /** The small set's loader once the catalog is in, for the background top-up; null otherwise. */
        private SmallDemoData small;

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof ApplicationStartedEvent started) {
                load(started.getApplicationContext());
            } else if (event instanceof ApplicationReadyEvent ready && small != null) {
                var context = ready.getApplicationContext();
                var loader = small;
                Thread.ofVirtual().name("demo-slot-top-up").start(() -> topUpTheRest(loader, context));
            }
        }

        private void load(ConfigurableApplicationContext context) {
            if (!context.getEnvironment().getProperty("polyclinic.dev-data.enabled", Boolean.class, true)) {
                return;
            }
            var settings = DemoDataSettings.from(context.getEnvironment());
            var dataSource = context.getBean(DataSource.class);
            var loader = new SmallDemoData(dataSource, settings, Clock.systemUTC());
            if (settings.scale() == DemoDataSettings.Scale.LARGE) {
                LargeDemoData.loadIfEmpty(dataSource, settings.seed());
            } else {
                loader.load();
            }
            // the small set's schedules, when a database holds them (the large set keeps none)
            loader.topUp(FIRST_DAYS);
            small = loader;
        }

        private static void topUpTheRest(SmallDemoData loader, ConfigurableApplicationContext context) {
            try {
                loader.topUp();
            } catch (RuntimeException e) {
                if (context.isActive()) {
                    log.warn("The demo slots beyond the first {} days were not topped up", FIRST_DAYS, e);
                } else {
                    log.info("The demo slot top-up stopped: the service is shutting down");
                }
            }
        }
    }
}
