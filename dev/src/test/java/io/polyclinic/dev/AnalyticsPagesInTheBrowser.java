package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The web-analytics pages in a real headless Chromium, on the stack {@link DevStackEndToEndTest} started (a nested
 * class there, so there is one stack): an admin adds a website and sees its snippet; the live view of the demo site
 * shows a visit of the test site without a reload (its event stream relayed by the web service); the demo site's
 * reports draw their chart; an alert rule is added, listed and deleted; and a visit of the test site that books leads
 * to a booking conversion in the demo site's report. Every analytics page passes the accessibility scan. With
 * {@code -Dpolyclinic.screenshots=<dir>} the pages are saved at desktop and phone widths.
 */
abstract class AnalyticsPagesInTheBrowser extends BrowserPages {

    /** The admin's access token once {@link #adminToken()} has logged in. */
    private static String adminToken;

    @Test
    void anAdminAddsAWebsiteSeesItsSnippetAndManagesItsAlertRules() {
        logInAsAdmin("/manage/analytics");
        byId("nav-analytics").click();
        waitFor(driver -> driver.getCurrentUrl().endsWith("/manage/analytics"));
        checkAccessibility("sites");
        byId("new-site").click();
        waitFor(driver -> !driver.findElements(By.id("clinicId")).isEmpty());
        byId("save-site").click();
        waitFor(driver -> !driver.findElements(By.id("clinicId-error")).isEmpty());
        assertThat(byId("form-problem").isDisplayed()).isTrue();
        checkAccessibility("site form with errors");

        var name = "Browser site <b>" + UUID.randomUUID().toString().substring(0, 8) + "</b>";
        new Select(byId("clinicId")).selectByIndex(1);
        byId("name").sendKeys(name);
        byId("domains").sendKeys("www.browser-clinic.example, browser-clinic.example");
        byId("timeZone").clear();
        byId("timeZone").sendKeys("Asia/Vladivostok");
        byId("save-site").click();
        waitFor(driver -> driver.getCurrentUrl().contains("?saved=true")
                || !driver.findElements(By.cssSelector(".error-page")).isEmpty());
        assertThat(browser.getCurrentUrl())
                .as(() -> browser.findElement(By.tagName("main")).getText())
                .contains("?saved=true");
        assertThat(byId("site-name").getText()).as("markup in a name is text").isEqualTo(name);
        var trackingId = byId("tracking-id").getText();
        assertThat(byId("snippet").getAttribute("value"))
                .contains("data-site=\"" + trackingId + "\"")
                .contains("/tracker.js\"></script>");
        assertThat(byId("copy-snippet").isDisplayed())
                .as("the copy button (clipboard API)")
                .isTrue();
        checkAccessibility("site and snippet");
        screenshot("analytics-site");

        byId("nav-alerts").click();
        waitFor(driver -> !driver.findElements(By.id("alert-form")).isEmpty());
        checkAccessibility("alerts");
        byId("threshold").sendKeys("many");
        byId("email").sendKeys("ops@browser-clinic.example");
        byId("add-alert").click();
        waitFor(driver -> !driver.findElements(By.id("threshold-error")).isEmpty());
        assertThat(byId("email").getAttribute("value"))
                .as("the form keeps the input")
                .isEqualTo("ops@browser-clinic.example");
        byId("threshold").clear();
        byId("threshold").sendKeys("250");
        byId("add-alert").click();
        waitFor(driver -> !driver.findElements(By.id("alert-created")).isEmpty());
        var rule = browser.findElement(By.cssSelector("#alert-rules tbody tr"));
        assertThat(rule.getText()).contains("250").contains("ops@browser-clinic.example");
        screenshot("analytics-alerts");
        rule.findElement(By.linkText("History")).click();
        waitFor(driver -> !driver.findElements(By.id("no-firings")).isEmpty());
        checkAccessibility("firing history");
        browser.navigate().back();
        waitFor(driver -> !driver.findElements(By.id("alert-rules")).isEmpty());
        browser.findElement(By.cssSelector("#alert-rules tbody tr form button")).click();
        waitFor(driver -> !driver.findElements(By.id("alert-deleted")).isEmpty());
        assertThat(browser.findElements(By.id("alert-rules"))).isEmpty();
    }

    @Test
    void theLiveViewShowsATestSiteVisitWithoutAReload() {
        var demo = demoSiteId();
        logInAsAdmin("/manage/analytics/sites/" + demo + "/live");
        var connected = "Live: the figures update by themselves.";
        waitFor(driver -> connected.equals(byId("live-status").getText()));
        checkAccessibility("live view");
        screenshot("analytics-live");
        browser.executeScript("window.notReloaded = true");
        var liveTab = browser.getWindowHandle();

        var path = "/live-check-" + UUID.randomUUID().toString().substring(0, 8);
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(DevStackEndToEndTest.stack.testSiteUrl() + path);
        waitFor(driver -> browser.executeScript("return window.polyclinic && polyclinic('session')") != null);
        browser.close();
        browser.switchTo().window(liveTab);

        waitFor(driver -> byId("live-events").getText().contains(path));
        assertThat(browser.executeScript("return window.notReloaded === true"))
                .as("the page was updated in place")
                .isEqualTo(true);
        assertThat(Long.parseLong(byId("live-visitors").getText().replaceAll("\\D", "")))
                .isPositive();
    }

    @Test
    void theDemoSitesReportsDrawAChartAndBreakdownsInBothLanguages() {
        var demo = demoSiteId();
        Awaitility.await("the demo site's 30 days are seeded")
                .atMost(Duration.ofSeconds(120))
                .until(() ->
                        summary(demo, "month").path("totals").path("pageviews").asLong() > 1000);
        logInAsAdmin("/manage/analytics/sites/" + demo + "/reports");
        waitFor(driver -> "true".equals(byId("report-chart").getAttribute("data-drawn")));
        assertThat(browser.findElements(By.cssSelector("#series tbody tr"))).hasSize(30);
        assertThat(byId("breakdown-page").getText()).contains("/doctors");
        assertThat(byId("report-span").getText()).contains("Europe/Moscow");
        checkAccessibility("reports");
        screenshot("analytics-report");
        byId("period-day").click();
        waitFor(driver -> "true".equals(byId("report-chart").getAttribute("data-drawn")));
        assertThat(browser.findElements(By.cssSelector("#series tbody tr"))).hasSize(24);

        open("/manage/analytics/sites/" + demo + "/reports?period=week&lang=ru");
        waitFor(driver -> "true".equals(byId("report-chart").getAttribute("data-drawn")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Отчёты");
        checkAccessibility("reports in Russian");
        open("/manage/analytics/sites/" + demo + "/reports?from=2020-01-01&to=2026-12-31&lang=en");
        assertThat(byId("form-problem").getText())
                .as("the API's problem on the page")
                .isNotBlank();
    }

    @Test
    void aBookingMadeFromATestSiteVisitCountsAsAConversionOfTheDemoSite() {
        var demo = demoSiteId();
        var before = summary(demo, "day")
                .path("goals")
                .path("bookings")
                .path("bookings")
                .asLong();
        var doctor = WebUiBrowserFlows.aDoctorWithAFreeSlotADayAhead();

        browser.get(DevStackEndToEndTest.stack.testSiteUrl() + "/");
        var sessionId =
                (String) waitFor(driver -> browser.executeScript("return window.polyclinic && polyclinic('session')"));
        byId("book").click();
        waitFor(driver -> driver.getCurrentUrl().contains("trackerSessionId="));
        assertThat(browser.getCurrentUrl()).startsWith(site() + "/").contains("trackerSessionId=" + sessionId);

        var email = "tracked-" + UUID.randomUUID() + "@example.com";
        DevStackEndToEndTest.registeredPatientToken(email);
        logIn(email, WebUiBrowserFlows.PASSWORD, "/doctors/" + doctor.get("id").asString());
        browser.findElement(By.cssSelector(
                        "a.slot[data-slot='" + doctor.get("slotId").asString() + "']"))
                .click();
        waitFor(driver -> !driver.findElements(By.id("confirm-booking")).isEmpty());
        assertThat(browser.findElement(By.name("trackerSessionId")).getAttribute("value"))
                .isEqualTo(sessionId);
        byId("confirm-booking").click();
        waitFor(driver -> !driver.findElements(By.id("booked")).isEmpty());

        Awaitility.await("the booking is counted as a conversion of the visit")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> summary(demo, "day")
                                .path("goals")
                                .path("bookings")
                                .path("bookings")
                                .asLong()
                        > before);
        browser.manage().deleteAllCookies();
        logInAsAdmin("/manage/analytics/sites/" + demo + "/reports?period=day");
        assertThat(Long.parseLong(byId("goal-bookings").getAttribute("data-bookings")))
                .isGreaterThan(before);
        assertThat(byId("goal-sources").getText()).isNotBlank();
    }

    /** The demo site's id, once the analytics service has created it (it seeds in the background). */
    private static String demoSiteId() {
        return Awaitility.await("the demo site exists")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            var sites = GatewayClient.json(
                                    DevStackEndToEndTest.gateway.get("/api/v1/analytics/sites?size=100", adminToken()));
                            for (var site : sites.path("items")) {
                                if (AnalyticsDevBlock.DEMO_TRACKING_ID.equals(
                                        site.path("trackingId").asString())) {
                                    return site.get("id").asString();
                                }
                            }
                            return null;
                        },
                        id -> id != null);
    }

    private static JsonNode summary(String siteId, String period) {
        var response = DevStackEndToEndTest.gateway.get(
                "/api/v1/analytics/reports/summary?siteId=" + siteId + "&period=" + period, adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return GatewayClient.json(response);
    }

    /** The admin's access token, logged in once: the checks poll, and identity allows a few logins a minute. */
    private static synchronized String adminToken() {
        if (adminToken == null) {
            adminToken = DevStackEndToEndTest.login(
                    DevStackConfig.DEFAULT_ADMIN_EMAIL, DevStackEndToEndTest.stack.adminPassword());
        }
        return adminToken;
    }
}
