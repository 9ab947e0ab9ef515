package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.testkit.browser.AxeScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The import wizard in a real headless Chromium, on the stack {@link DevStackEndToEndTest} started (a nested class
 * there, so there is one stack): an admin uploads the messy example spreadsheet of {@code docs/examples/}, sees a
 * header the naming table does not know, maps it right there, imports with "skip invalid rows", watches the job end
 * and downloads its row errors as CSV and .xlsx; the wizard's pages pass the accessibility scan. With
 * {@code -Dpolyclinic.screenshots=<dir>} the preview and the finished import are saved at desktop and phone widths.
 */
abstract class ImportWizardInTheBrowser extends BrowserPages {

    /** The example: visits per month with a title above the header and a header no one taught the naming table. */
    static final String EXAMPLE = "clinic_visits-messy-header.xlsx";

    private static final String UNKNOWN_HEADER = "Число приёмов";

    @Test
    void anAdminPreviewsTheMessyExampleTeachesTheNamingTableImportsItAndDownloadsTheRowErrors() {
        logInAsAdmin("/manage");
        byId("nav-imports").click();
        waitFor(driver -> driver.getCurrentUrl().endsWith("/manage/imports"));
        new Select(byId("dataset")).selectByValue("clinic_visits");
        byId("file").sendKeys(example().toString());
        byId("preview-button").click();
        waitFor(driver -> !driver.findElements(By.id("mapping")).isEmpty()
                || !driver.findElements(By.id("import-problem")).isEmpty());
        assertThat(browser.findElements(By.id("import-problem")))
                .as(() -> browser.findElement(By.tagName("main")).getText())
                .isEmpty();
        assertThat(byId("preview-summary").getText()).contains("XLSX").contains("row 3");
        var unknown = mappingRow(UNKNOWN_HEADER);
        assertThat(unknown.getText()).contains("Unknown header").contains("Closest known spelling");
        assertThat(byId("missing-fields").getText()).contains("Visits").contains(UNKNOWN_HEADER);
        assertThat(mappingRow("Период").getText()).contains("Month");
        assertThat(AxeScan.seriousOrCritical(browser))
                .as("serious or critical accessibility problems on the preview")
                .isEmpty();
        screenshot("import-preview");

        var column = unknown.getAttribute("id").substring("column-".length());
        new Select(byId("field-" + column)).selectByValue("visits");
        byId("fix-" + column).click();
        waitFor(driver -> !driver.findElements(By.id("import-notice")).isEmpty());
        assertThat(byId("import-notice").getText()).contains(UNKNOWN_HEADER).contains("Visits");
        assertThat(browser.findElements(By.id("missing-fields")))
                .as("every required field has its column now")
                .isEmpty();
        assertThat(mappingRow(UNKNOWN_HEADER).getText()).contains("Visits").doesNotContain("Unknown header");
        assertThat(byId("cell-problems").getText()).contains("много");

        byId("policy-SKIP_INVALID").click();
        byId("start-import").click();
        waitFor(driver -> driver.getCurrentUrl().matches(".*/manage/imports/[0-9a-f-]{36}$"));
        var status = waitFor(driver -> {
            var shown = driver.findElement(By.id("import-job")).getAttribute("data-status");
            return "QUEUED".equals(shown) || "RUNNING".equals(shown) ? null : shown;
        });
        assertThat(status).as(byId("import-job").getText()).isEqualTo("SUCCEEDED");
        assertThat(byId("count-inserted").getText()).isEqualTo("5");
        assertThat(byId("count-rejected").getText()).isEqualTo("1");
        assertThat(byId("import-rows").getText()).contains("6 of 6");
        assertThat(AxeScan.seriousOrCritical(browser))
                .as("serious or critical accessibility problems on the import's page")
                .isEmpty();
        screenshot("import-result");

        var csv = fetch(byId("errors-csv").getAttribute("href"));
        assertThat(csv.get("type")).startsWith("text/csv");
        assertThat(csv.get("text")).contains("много").contains(UNKNOWN_HEADER);
        var xlsx = fetch(byId("errors-xlsx").getAttribute("href"));
        assertThat(xlsx.get("type")).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.get("text")).as("a zip archive").startsWith("PK");

        byId("nav-imports").click();
        waitFor(driver -> !driver.findElements(By.id("recent-imports")).isEmpty());
        assertThat(byId("recent-imports").findElements(By.tagName("tr")).get(1).getText())
                .contains(EXAMPLE)
                .contains("you")
                .contains("5 / 0 / 0 / 1");
        assertThat(AxeScan.seriousOrCritical(browser))
                .as("serious or critical accessibility problems on the wizard's start")
                .isEmpty();
    }

    /** GETs {@code url} in the page (the browser's session cookie goes along): its content type and text. */
    @SuppressWarnings("unchecked")
    private Map<String, String> fetch(String url) {
        return (Map<String, String>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.text().then(t => done({
                    status: String(r.status), type: r.headers.get('content-type') || '', text: t})));
                """, url);
    }

    private WebElement mappingRow(String header) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#mapping tbody tr"));
        return rows.stream()
                .filter(row ->
                        row.findElement(By.tagName("td")).getText().strip().equals(header))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mapping row for " + header + " in "
                        + byId("mapping").getText()));
    }

    private static Path example() {
        var directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("docs/examples"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("docs/examples above the working directory").isNotNull();
        return directory.resolve("docs/examples").resolve(EXAMPLE);
    }
}
