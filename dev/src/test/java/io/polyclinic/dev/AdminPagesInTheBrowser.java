package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.testkit.browser.AxeScan;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The staff pages in a real headless Chromium, on the stack {@link DevStackEndToEndTest} started (it runs these cases
 * as a nested class, so there is one stack): an admin registers a doctor and gives them a working plan, and patients
 * then find the slots; a patient who opens an admin page sees the 403 page; the admin pages pass the accessibility
 * scan; the chain verification runs to its end. With {@code -Dpolyclinic.screenshots=<dir>} the schedule and the audit
 * log are also saved at desktop and phone widths.
 */
abstract class AdminPagesInTheBrowser extends BrowserPages {

    /** Registers the doctor through the form and returns the id from the schedule page's address. */
    private String registerDoctor(String name) {
        open("/manage/doctors/new");
        byId("fullName").sendKeys(name);
        browser.findElements(By.name("specialties")).getFirst().click();
        browser.findElements(By.name("clinicIds")).getFirst().click();
        byId("experienceYears").sendKeys("7");
        var before = "csrf fields " + browser.findElements(By.name("_csrf")).size() + ", cookies "
                + browser.manage().getCookies().stream().map(c -> c.getName()).toList();
        byId("save").click();
        waitFor(driver -> driver.getCurrentUrl().contains("/slots?registered")
                || !driver.findElements(By.cssSelector(".error-page")).isEmpty());
        assertThat(browser.getCurrentUrl())
                .as(() -> before + "; page: "
                        + browser.findElement(By.tagName("main")).getText())
                .contains("/slots?registered");
        var url = browser.getCurrentUrl();
        return url.substring(url.indexOf("/manage/doctors/") + 16, url.indexOf("/slots"));
    }

    @Test
    void anAdminRegistersADoctorGivesThemAWorkingPlanAndPatientsFindTheSlots() {
        logInAsAdmin("/manage");
        assertThat(byId("nav-manage").isDisplayed()).isTrue();
        var name = "Browser Doctor " + UUID.randomUUID().toString().substring(0, 8);
        var doctorId = registerDoctor(name);
        assertThat(browser.getPageSource()).contains(name);

        byId("generate").click();
        waitFor(driver -> !driver.findElements(By.id("plan-result")).isEmpty());
        assertThat(byId("plan-result").getText()).matches("(?s).*\\d+.*");
        var rows = browser.findElements(By.cssSelector("#slots tbody tr"));
        assertThat(rows).as("the generated slots are listed").isNotEmpty();

        var firstRow = rows.getFirst();
        var slotRowId = firstRow.getAttribute("id");
        firstRow.findElement(By.cssSelector("form[action$='/block'] button")).click();
        waitFor(driver -> driver.getCurrentUrl().contains("changed="));
        assertThat(byId(slotRowId).findElement(By.cssSelector("form[action$='/unblock']")))
                .as("a blocked slot offers unblock")
                .isNotNull();

        open("/");
        browser.manage().deleteAllCookies();
        open("/?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        waitFor(driver -> driver.getPageSource().contains(name));
        var hit = browser.findElement(By.xpath("//article[.//a[contains(@href, '" + doctorId + "')]]"));
        assertThat(hit.findElements(By.tagName("strong")))
                .as("patients see the doctor's nearest free time")
                .isNotEmpty();
        open("/doctors/" + doctorId);
        assertThat(browser.getPageSource()).contains(name);
    }

    @Test
    void aPatientWhoOpensAnAdminPageSeesThe403PageAndAVisitorTheLoginPage() {
        open("/admin/users");
        waitFor(driver -> driver.getCurrentUrl().contains("/login"));
        assertThat(browser.getCurrentUrl()).contains("next=%2Fadmin%2Fusers");

        var email = "browser-patient-" + UUID.randomUUID() + "@example.com";
        var password = "Correct-Horse-Battery-42";
        var gateway = DevStackEndToEndTest.gateway;
        assertThat(gateway.post("/api/v1/auth/register", null, """
                        {"email":"%s","password":"%s","fullName":"Browser Patient"}""".formatted(email, password))
                        .statusCode())
                .isEqualTo(201);
        logIn(email, password, "/admin/users");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(browser.findElements(By.id("nav-manage")))
                .as("no staff link for a patient")
                .isEmpty();
        open("/manage/doctors/new");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
    }

    @Test
    void theStaffPagesHaveNoSeriousAccessibilityProblems() {
        var doctors = GatewayClient.json(DevStackEndToEndTest.gateway.get("/api/v1/doctors?size=1", null));
        var doctorId = doctors.get("items").get(0).get("id").asString();
        logInAsAdmin("/manage");
        open("/manage/clinics");
        var dayLink = browser.findElement(By.cssSelector("a[href$='/day']")).getAttribute("href");
        var pages = new LinkedHashMap<String, String>();
        pages.put("home", "/manage");
        pages.put("clinics", "/manage/clinics");
        pages.put("clinic form", "/manage/clinics/new");
        pages.put("doctors", "/manage/doctors");
        pages.put("doctor form", "/manage/doctors/" + doctorId + "/edit");
        pages.put("schedule", "/manage/doctors/" + doctorId + "/slots");
        pages.put("day", dayLink.substring(site().length()));
        pages.put("specialties", "/admin/specialties");
        pages.put("reviews", "/admin/reviews?show=all");
        pages.put("users", "/admin/users");
        pages.put("audit", "/admin/audit");
        pages.put("orders", "/admin/orders?orderUid=b563feb7b2b84b6test");
        for (var page : pages.entrySet()) {
            open(page.getValue());
            assertThat(browser.findElement(By.tagName("h1")).getText())
                    .as(page.getKey() + " renders")
                    .isNotBlank()
                    .isNotEqualTo("Something went wrong");
            assertThat(AxeScan.seriousOrCritical(browser))
                    .as("serious or critical accessibility problems on " + page.getKey())
                    .isEmpty();
        }
        open("/admin/audit");
        screenshot("admin-audit");
        open("/manage/doctors/" + doctorId + "/slots");
        screenshot("admin-schedule");
    }

    @Test
    void theChainVerificationRunsToItsEnd() {
        logInAsAdmin("/admin/audit");
        byId("verify-chain").click();
        waitFor(driver -> driver.getCurrentUrl().contains("/admin/audit/verifications/"));
        var status = waitFor(driver -> {
            var shown = driver.findElement(By.id("verification")).getAttribute("data-status");
            return "RUNNING".equals(shown) ? null : shown;
        });
        assertThat(status).as(byId("verification").getText()).isEqualTo("VALID");
        assertThat(byId("verification-status").getText()).contains("The chain holds");
    }
}
