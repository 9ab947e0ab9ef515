package io.polyclinic.testkit.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/** Screenshots of whole pages at a given width (desktop 1280, phone 375 CSS pixels). */
public final class Screenshots {

    /** A desktop window's width in CSS pixels. */
    public static final int DESKTOP = 1280;

    /** A phone's width in CSS pixels. */
    public static final int PHONE = 375;

    private Screenshots() {}

    /**
     * Resizes the window to {@code width} and the page's full height (at most 4000 pixels), writes a PNG to
     * {@code file} (creating its folder), and returns the file.
     */
    public static Path save(WebDriver driver, int width, Path file) {
        driver.manage().window().setSize(new Dimension(width, 900));
        var height = ((Number) ((JavascriptExecutor) driver)
                        .executeScript(
                                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"))
                .intValue();
        driver.manage().window().setSize(new Dimension(width, Math.min(Math.max(height, 600), 4000)));
        var png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            var folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
