package io.polyclinic.web.imports;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The import wizard's settings ({@code polyclinic.web-ui.imports.*}).
 *
 * @param maxFileSize the largest spreadsheet the wizard passes on to the ingest API (default 100 MB, the API's own
 *     default limit); the servlet's multipart limits in {@code web.properties} sit a little above it so that a file
 *     just over it gets this message rather than a refused request
 * @param recent how many recent imports the wizard lists (default 10)
 */
@Validated
@ConfigurationProperties("polyclinic.web-ui.imports")
public record ImportPageProperties(
        @NotNull @DefaultValue("100MB") DataSize maxFileSize,
        @DefaultValue("10") int recent) {}
