package io.polyclinic.devdata;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Loads the demo data into the booking service it is added to (the dev stack adds it, in its own JVM or in the
 * service's, see {@code ServiceLauncher}): once the context has started, so booking's migrations have created the
 * schema, and before the service reports ready, so a first search finds the doctors. Settings:
 * {@link DemoDataSettings#from} the service's environment; {@code polyclinic.dev-data.enabled=false} turns it off.
 * The small set is loaded once, the large set once into a database without demo data; the small set's slots are
 * topped up on every start.
 */
public final class DemoDataInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.addApplicationListener(new Loader());
    }

    private static final class Loader implements ApplicationListener<ApplicationStartedEvent> {

        @Override
        public void onApplicationEvent(ApplicationStartedEvent event) {
            var context = event.getApplicationContext();
            if (!context.getEnvironment().getProperty("polyclinic.dev-data.enabled", Boolean.class, true)) {
                return;
            }
            var settings = DemoDataSettings.from(context.getEnvironment());
            var dataSource = context.getBean(DataSource.class);
            var small = new SmallDemoData(dataSource, settings, Clock.systemUTC());
            if (settings.scale() == DemoDataSettings.Scale.LARGE) {
                LargeDemoData.loadIfEmpty(dataSource, settings.seed());
            } else {
                small.load();
            }
            // the small set's schedules, when a database holds them (the large set keeps none)
            small.topUp();
        }
    }
}
