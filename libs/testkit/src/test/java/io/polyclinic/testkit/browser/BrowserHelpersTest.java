package io.polyclinic.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The browser helpers against a page of our own: axe finds an unlabelled field, a screenshot is a PNG. */
@ExtendWith(RequiresChromium.class)
class BrowserHelpersTest {

    @Test
    void axeReportsAnUnlabelledFieldAndNotALabelledOne(@TempDir Path dir) throws Exception {
        var page = dir.resolve("page.html");
        Files.writeString(page, """
                <!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>
                <h1>Form</h1><label for="a">Name</label><input id="a"><input id="b"></main></body></html>""");
        var driver = Chromium.start(Screenshots.DESKTOP, 800);
        try {
            driver.get(page.toUri().toString());
            var serious = AxeScan.seriousOrCritical(driver);
            assertThat(serious).extracting(AxeScan.Violation::id).contains("label");
            assertThat(serious.stream().flatMap(v -> v.targets().stream())).containsExactly("#b");

            var shot = Screenshots.save(driver, Screenshots.PHONE, dir.resolve("shots/page.png"));
            var bytes = Files.readAllBytes(shot);
            assertThat(bytes).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        } finally {
            driver.quit();
        }
    }
}
