package io.polyclinic.platform.web;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP behaviour shared by every service ({@code polyclinic.http.*}).
 *
 * @param requestTimeout how long a request may run before it is interrupted and answered 503 (default 30 s)
 * @param maxBodySize the largest request body accepted before a 413 (default 1 MB); multipart uploads have their
 *     own limit in {@code spring.servlet.multipart.*}
 * @param maxMultipartSize the largest multipart (file upload) request body before a 413 (default 100 MB, the
 *     ingest upload limit of S6)
 * @param corsAllowedOrigins origins allowed by CORS, exact matches such as {@code https://polyclinic.example};
 *     empty (the default) allows none
 * @param corsOpenPaths paths open to every origin (GET, POST, no credentials), such as the web-analytics intake
 *     {@code /track}; empty by default
 */
@Validated
@ConfigurationProperties("polyclinic.http")
public record HttpProperties(
        @NotNull @DefaultValue("30s") Duration requestTimeout,
        @NotNull @DefaultValue("1MB") DataSize maxBodySize,
        @NotNull @DefaultValue("100MB") DataSize maxMultipartSize,
        @DefaultValue List<String> corsAllowedOrigins,
        @DefaultValue List<String> corsOpenPaths) {}
