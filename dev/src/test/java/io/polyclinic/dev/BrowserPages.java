package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.testkit.browser.AxeScan;
import io.polyclinic.testkit.browser.Chromium;
import io.polyclinic.testkit.browser.RequiresChromium;
import io.polyclinic.testkit.browser.Screenshots;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests on the stack of {@link DevStackEndToEndTest} share (they run as its nested classes, so there
 * is one stack): one headless Chromium per test class at desktop width, a logged-out visit before each test, and the
 * steps of a person at the pages: open a page, log in through the form, wait for the page to change, check it with
 * axe-core, and with {@code -Dpolyclinic.screenshots=<dir>} save it at desktop and phone widths as README pictures.
 * Skipped, with the install command, where Chromium is missing (a failure with {@code CI=true}).
 */
@ExtendWith(RequiresChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserPages {

    /** How long a page may take to show what a step waits for (the 2-core CI machine runs the whole stack). */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    ChromeDriver browser;

    @BeforeAll
    void openBrowser() {
        browser = Chromium.start(Screenshots.DESKTOP, 900);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void loggedOut() {
        open("/");
        browser.manage().deleteAllCookies();
    }

    /** The gateway's base URL, where a person opens the site. */
    static String site() {
        return DevStackEndToEndTest.stack.gatewayUrl();
    }

    /** Opens {@code path} (with its query) on the site. */
    void open(String path) {
        browser.get(site() + path);
    }

    /** Logs in through the login form and waits until the browser is at {@code next} (its path). */
    void logIn(String email, String password, String next) {
        open("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        byId("email").sendKeys(email);
        byId("password").sendKeys(password);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]"))
                .click();
        waitFor(driver -> driver.getCurrentUrl().contains(next.split("\\?")[0]));
    }

    /** Logs the stack's admin in and waits until the browser is at {@code next}. */
    void logInAsAdmin(String next) {
        logIn(DevStackConfig.DEFAULT_ADMIN_EMAIL, DevStackEndToEndTest.stack.adminPassword(), next);
    }

    /** Waits until {@code condition} is neither null nor false and returns its value. */
    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).until(condition);
    }

    WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    /** No serious or critical axe-core violation on the current page, named {@code page} in the failure. */
    void checkAccessibility(String page) {
        assertThat(AxeScan.seriousOrCritical(browser))
                .as("serious or critical accessibility problems on the " + page + " page")
                .isEmpty();
    }

    /** With {@code -Dpolyclinic.screenshots=<dir>}, saves the page as {@code <name>-desktop.png} and {@code -phone}. */
    void screenshot(String name) {
        var folder = System.getProperty("polyclinic.screenshots");
        if (folder == null || folder.isBlank()) {
            return;
        }
        var size = browser.manage().window().getSize();
        Screenshots.save(browser, Screenshots.DESKTOP, Path.of(folder, name + "-desktop.png"));
        Screenshots.save(browser, Screenshots.PHONE, Path.of(folder, name + "-phone.png"));
        browser.manage().window().setSize(size);
    }
}
