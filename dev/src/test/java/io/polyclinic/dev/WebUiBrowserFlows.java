package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * The web UI in a real headless Chromium, through the gateway of the stack that {@link DevStackEndToEndTest} started
 * (run as its nested class {@code WebUi}): a new patient registers, searches, books, sees the visit and cancels it;
 * the language switch; an ended session; a slot taken meanwhile; escaped search terms; another patient's
 * appointment; a forged form; and an accessibility scan of every page on the way. With
 * {@code -Dpolyclinic.screenshots=<dir>} the main pages are also saved at desktop and phone widths.
 */
abstract class WebUiBrowserFlows extends BrowserPages {

    static final String PASSWORD = "Correct-Horse-Battery-42";

    @Test
    void aNewPatientRegistersSearchesBooksSeesTheVisitAndCancelsIt() {
        var doctor = aDoctorWithAFreeSlotADayAhead();
        open("/register");
        checkAccessibility("register");
        var email = "web-" + UUID.randomUUID() + "@example.com";
        browser.findElement(By.id("fullName")).sendKeys("Web Patient");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form[action='/register'] button[type=submit]"))
                .click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("search-form")));
        assertThat(browser.findElement(By.linkText("My appointments")).isDisplayed())
                .isTrue();

        browser.findElement(By.id("name")).sendKeys(doctor.get("fullName").asString());
        browser.findElement(By.id("search-submit")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(
                By.id("results"), doctor.get("fullName").asString()));
        checkAccessibility("search");
        screenshot("search");
        browser.findElement(By.linkText(doctor.get("fullName").asString())).click();

        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("free-times")));
        assertThat(browser.findElement(By.id("doctor-name")).getText())
                .isEqualTo(doctor.get("fullName").asString());
        assertThat(browser.findElement(By.id("doctor-contacts")).getText())
                .as("the demo doctor's work phone and email on the card")
                .containsPattern("\\+7495\\d{7}")
                .contains("@polyclinic.example");
        checkAccessibility("doctor card");
        screenshot("doctor");
        var slot = browser.findElement(
                By.cssSelector("a.slot[data-slot='" + doctor.get("slotId").asString() + "']"));
        slot.click();

        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("confirm-booking")));
        assertThat(browser.findElement(By.id("book-time")).getText()).isNotBlank();
        assertThat(browser.getPageSource())
                .contains("time zone " + doctor.get("timeZone").asString());
        checkAccessibility("confirmation");
        screenshot("confirm");
        browser.findElement(By.id("confirm-booking")).click();

        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("booked")));
        assertThat(browser.findElement(By.id("appointment-status")).getText()).isEqualTo("Booked");
        var appointmentUrl = browser.getCurrentUrl();
        open("/me/appointments");
        var row = browser.findElements(By.cssSelector("#appointments tbody tr"));
        assertThat(row).anySatisfy(tr -> assertThat(appointmentUrl).contains(tr.getAttribute("data-appointment")));
        checkAccessibility("my appointments");
        screenshot("appointments");

        browser.get(appointmentUrl);
        browser.findElement(By.id("cancel-appointment")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("cancelled")));
        assertThat(browser.findElement(By.id("appointment-status")).getText()).isEqualTo("Cancelled");
    }

    @Test
    void theLanguageSwitchShowsRussianAndRemembersIt() {
        open("/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Find a doctor");
        browser.findElement(By.id("lang-switch")).click();
        waitFor(ExpectedConditions.textToBe(By.tagName("h1"), "Найти врача"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");
        checkAccessibility("search in Russian");
        screenshot("search-ru");
        open("/login");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Вход");
        browser.findElement(By.id("lang-switch")).click();
        waitFor(ExpectedConditions.textToBe(By.tagName("h1"), "Log in"));
    }

    @Test
    void htmlAndScriptInASearchTermAreShownAsText() {
        var term = "<script>window.pwned=1</script><b id=\"bold\">x</b>";
        open("/");
        browser.findElement(By.id("name")).sendKeys(term);
        browser.findElement(By.id("search-submit")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("searched-name")));
        assertThat(browser.findElement(By.id("searched-name")).getText()).isEqualTo(term);
        assertThat(browser.findElements(By.id("bold"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined"))
                .isEqualTo(true);
    }

    @Test
    void anotherPatientsAppointmentIsANotFoundPage() {
        var doctor = aDoctorWithAFreeSlotADayAhead();
        var owner = DevStackEndToEndTest.registeredPatientToken("owner-" + UUID.randomUUID() + "@example.com");
        var booked = DevStackEndToEndTest.gateway.post(
                "/api/v1/appointments",
                owner,
                "{\"slotId\":\"" + doctor.get("slotId").asString() + "\"}");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        var appointmentId = GatewayClient.json(booked).get("id").asString();

        logInAsNewPatient();
        open("/me/appointments/" + appointmentId);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
        assertThat(browser.getPageSource()).doesNotContain(appointmentId + "\"").doesNotContain("Exception");
        open("/no/such/page");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
        checkAccessibility("404 page");
        DevStackEndToEndTest.gateway.post("/api/v1/appointments/" + appointmentId + "/cancel", owner, null);
    }

    @Test
    void aSlotTakenMeanwhileSaysSoClearly() {
        var doctor = aDoctorWithAFreeSlotADayAhead();
        logInAsNewPatient();
        open("/doctors/" + doctor.get("id").asString());
        browser.findElement(By.cssSelector(
                        "a.slot[data-slot='" + doctor.get("slotId").asString() + "']"))
                .click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("confirm-booking")));

        var rival = DevStackEndToEndTest.registeredPatientToken("rival-" + UUID.randomUUID() + "@example.com");
        var taken = DevStackEndToEndTest.gateway.post(
                "/api/v1/appointments",
                rival,
                "{\"slotId\":\"" + doctor.get("slotId").asString() + "\"}");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);

        browser.findElement(By.id("confirm-booking")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("slot-taken")));
        assertThat(browser.findElement(By.id("slot-taken")).getText()).contains("just been taken");
        DevStackEndToEndTest.gateway.post(
                "/api/v1/appointments/" + GatewayClient.json(taken).get("id").asString() + "/cancel", rival, null);
    }

    @Test
    void anEndedSessionLeadsToTheLoginPageAndBack() throws Exception {
        var email = logInAsNewPatient();
        open("/me/appointments");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("My appointments");

        // The same person logs out everywhere from another device: the browser's session ends with the others.
        var other = DevStackEndToEndTest.login(email, PASSWORD);
        assertThat(DevStackEndToEndTest.gateway
                        .post("/api/v1/auth/logout-all", other, null)
                        .statusCode())
                .isEqualTo(204);
        var deadline = Instant.now().plusSeconds(30);
        do {
            Thread.sleep(300);
            open("/me/appointments?scope=past");
        } while (!browser.getCurrentUrl().contains("/login") && Instant.now().isBefore(deadline));
        assertThat(browser.getCurrentUrl()).contains("/login").contains("expired=true");
        assertThat(browser.findElement(By.id("session-expired")).getText()).contains("session has ended");

        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]"))
                .click();
        waitFor(ExpectedConditions.urlContains("/me/appointments"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("My appointments");
    }

    @Test
    void aPatientChangesThePasswordAndThenOnlyTheNewOneLogsIn() {
        var email = logInAsNewPatient();
        var newPassword = "Another-Horse-Battery-43";
        open("/me/sessions");
        browser.findElement(By.id("change-password-link")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("password-form")));
        checkAccessibility("change password");

        browser.findElement(By.id("currentPassword")).sendKeys("not-my-password-at-all");
        browser.findElement(By.id("newPassword")).sendKeys(newPassword);
        browser.findElement(By.id("change-password")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("currentPassword-error")));
        assertThat(browser.findElement(By.id("currentPassword-error")).getText())
                .contains("wrong");
        assertThat(browser.findElement(By.id("currentPassword")).getAttribute("value"))
                .as("a password is never sent back")
                .isEmpty();
        checkAccessibility("change password with an error");

        browser.findElement(By.id("currentPassword")).sendKeys(PASSWORD);
        browser.findElement(By.id("newPassword")).sendKeys(newPassword);
        browser.findElement(By.id("change-password")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("password-changed")));
        screenshot("password");
        open("/me/appointments");
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .as("this browser stays logged in")
                .isEqualTo("My appointments");

        browser.findElement(By.cssSelector("header form button[type=submit]")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("search-form")));
        open("/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]"))
                .click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
        browser.findElement(By.id("password")).sendKeys(newPassword);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]"))
                .click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("search-form")));
        assertThat(browser.findElement(By.linkText("My appointments")).isDisplayed())
                .isTrue();
    }

    @Test
    void aFormWithAForgedCsrfTokenIsRefusedWithA403Page() {
        logInAsNewPatient();
        open("/");
        ((JavascriptExecutor) browser)
                .executeScript("document.querySelector('header form input[name=_csrf]').value = 'forged'");
        browser.findElement(By.cssSelector("header form button[type=submit]")).click();
        waitFor(ExpectedConditions.textToBe(By.tagName("h1"), "Not allowed"));
        assertThat(browser.getPageSource()).contains("did not come from this site");
        open("/me/appointments");
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .as("the forged form did not log the person out")
                .isEqualTo("My appointments");
    }

    /** Registers through the page and returns the email; the browser is logged in afterwards. */
    String logInAsNewPatient() {
        var email = "web-" + UUID.randomUUID() + "@example.com";
        DevStackEndToEndTest.registeredPatientToken(email);
        open("/login");
        checkAccessibility("login");
        screenshot("login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]"))
                .click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("search-form")));
        return email;
    }

    /** {@code {"id","fullName","slotId","timeZone"}} of a demo doctor with a free slot at least a day ahead. */
    static JsonNode aDoctorWithAFreeSlotADayAhead() {
        var page =
                GatewayClient.json(DevStackEndToEndTest.gateway.get("/api/v1/doctors?size=50&sort=nearestSlot", null));
        var dayAhead = Instant.now().plus(Duration.ofDays(1));
        for (var doctor : page.get("items")) {
            var id = doctor.get("id").asString();
            var slots = GatewayClient.json(DevStackEndToEndTest.gateway.get("/api/v1/doctors/" + id + "/slots", null));
            for (var slot : slots.get("items")) {
                if (Instant.parse(slot.get("start").asString()).isAfter(dayAhead)) {
                    var zone = ZoneId.of("UTC").getId();
                    for (var clinic : doctor.get("clinics")) {
                        if (clinic.get("id")
                                .asString()
                                .equals(slot.get("clinicId").asString())) {
                            zone = clinic.get("timeZone").asString();
                        }
                    }
                    return tools.jackson.databind.json.JsonMapper.builder()
                            .build()
                            .createObjectNode()
                            .put("id", id)
                            .put("fullName", doctor.get("fullName").asString())
                            .put("slotId", slot.get("id").asString())
                            .put("timeZone", zone);
                }
            }
        }
        throw new AssertionError("No demo doctor has a free slot a day ahead");
    }
}
