package io.polyclinic.devdata;

import java.util.Locale;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What demo data to load ({@code polyclinic.dev-data.*}, read from the environment of the booking service it loads
 * into, so command-line arguments and environment variables such as {@code POLYCLINIC_DEVDATA_SEED} set it).
 *
 * @param scale {@code small} (the default: 22 clinics, {@code doctors} doctors with weekly schedules whose free slots
 *     are topped up on every start) or {@code large} (the benchmark set: 100,000 doctors, 2,000 clinics, 5,000,000
 *     slots, see {@link LargeDemoData}; {@code doctors} and {@code days-ahead} do not apply)
 * @param doctors doctors of the small set ({@code doctors}, default 520, 1 to 100,000)
 * @param daysAhead days of free slots the small set keeps ahead of today ({@code days-ahead}, default 14, 1 to 92)
 * @param seed the random seed: every load with one seed makes the same names and places ({@code seed}, default
 *     20261122)
 */
public record DemoDataSettings(Scale scale, int doctors, int daysAhead, long seed) {

    /** The default seed of both sets. */
    public static final long DEFAULT_SEED = 20261122L;

    /** The size of the demo data set. */
    public enum Scale {
        SMALL,
        LARGE
    }

    /** @throws IllegalArgumentException when {@code doctors} or {@code daysAhead} is out of range */
    public DemoDataSettings {
        if (scale == null) {
            scale = Scale.SMALL;
        }
        if (doctors < 1 || doctors > 100_000) {
            throw new IllegalArgumentException("polyclinic.dev-data.doctors must be 1..100000, not " + doctors);
        }
        if (daysAhead < 1 || daysAhead > 92) {
            throw new IllegalArgumentException("polyclinic.dev-data.days-ahead must be 1..92, not " + daysAhead);
        }
    }

    /** The small set with its defaults. */
    public static DemoDataSettings small() {
        return new DemoDataSettings(Scale.SMALL, 520, 14, DEFAULT_SEED);
    }

    /**
     * The settings under {@code polyclinic.dev-data} in {@code environment}, each missing one at its default.
     *
     * @throws IllegalArgumentException when a value is out of range or the scale is neither small nor large
     */
    public static DemoDataSettings from(Environment environment) {
        var binder = Binder.get(environment);
        var defaults = small();
        var scale = binder.bind("polyclinic.dev-data.scale", String.class)
                .map(s -> Scale.valueOf(s.trim().toUpperCase(Locale.ROOT)))
                .orElse(defaults.scale());
        return new DemoDataSettings(
                scale,
                binder.bind("polyclinic.dev-data.doctors", Integer.class).orElse(defaults.doctors()),
                binder.bind("polyclinic.dev-data.days-ahead", Integer.class).orElse(defaults.daysAhead()),
                binder.bind("polyclinic.dev-data.seed", Long.class).orElse(defaults.seed()));
    }
}
