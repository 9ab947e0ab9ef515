package io.polyclinic.testkit.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver, for the browser tests (decision 0052). Nothing is
 * downloaded at test time: both executables are given by path, so Selenium Manager is never asked for one. The paths
 * are {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, or the system properties / environment variables
 * {@code CHROMIUM_BINARY} and {@code CHROMEDRIVER_BINARY}.
 *
 * <p>Tests check {@link #assumeAvailable()} first (or use {@link RequiresChromium}): without the browser they are
 * skipped with the command that installs it, except on CI ({@code CI=true}), where a missing browser fails the build.
 */
public final class Chromium {

    /** The command that installs the browser and its driver on Debian or Ubuntu. */
    public static final String INSTALL_COMMAND = "apt-get install -y chromium chromium-driver";

    private Chromium() {}

    /** The browser's executable. */
    public static Path binary() {
        return Path.of(setting("CHROMIUM_BINARY", "/usr/bin/chromium"));
    }

    /** chromedriver's executable. */
    public static Path driverBinary() {
        return Path.of(setting("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver"));
    }

    /** Whether both executables are there. */
    public static boolean available() {
        return Files.isExecutable(binary()) && Files.isExecutable(driverBinary());
    }

    /**
     * Skips the calling test (a JUnit assumption) when the browser is missing, with the install command in the
     * message; on CI ({@code CI=true}) fails it instead, so a CI machine without the browser cannot pass silently.
     */
    public static void assumeAvailable() {
        if (available()) {
            return;
        }
        var message = "Chromium or chromedriver is missing (" + binary() + ", " + driverBinary()
                + "): install them with `" + INSTALL_COMMAND + "`";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: the browser tests must run)");
        }
        org.junit.jupiter.api.Assumptions.abort(message + "; the browser tests are skipped");
    }

    /**
     * Starts a headless browser with a window of {@code width} x {@code height} CSS pixels, English UI unless the
     * test sets {@code Accept-Language} itself. Close it with {@code quit()}.
     */
    public static ChromeDriver start(int width, int height) {
        // Selenium Manager is only consulted when a path is missing; make sure it never downloads anything.
        System.setProperty("SE_AVOID_BROWSER_DOWNLOAD", "true");
        var options = new ChromeOptions();
        options.setBinary(binary().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-extensions",
                "--no-first-run",
                "--lang=en-US",
                "--window-size=" + width + "," + height);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverBinary().toString()))
                .usingAnyFreePort()
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static String setting(String name, String fallback) {
        var property = System.getProperty(name);
        if (property != null && !property.isBlank()) {
            return property;
        }
        var env = System.getenv(name);
        return env != null && !env.isBlank() ? env : fallback;
    }
}
