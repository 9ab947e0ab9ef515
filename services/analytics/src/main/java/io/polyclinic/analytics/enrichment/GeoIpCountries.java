package io.polyclinic.analytics.enrichment;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Country of an IP address from an offline database in the MaxMind DB format, read with MaxMind's reader (decision
 * 0049): by default the CC0 {@code geo-whois-asn-country} database of the {@code @ip-location-db} npm packages, whose
 * records hold {@code country_code}. Without a database every country is {@value #UNKNOWN}; the database can be put
 * in place later ({@link #open(Path)}), e.g. once {@link GeoIpDownload} has fetched it.
 */
public final class GeoIpCountries implements AutoCloseable {

    /** The country of an address the database does not know, or of every address without a database. */
    public static final String UNKNOWN = "unknown";

    private static final Logger log = LoggerFactory.getLogger(GeoIpCountries.class);
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]{2,45}$");
    private static final Pattern CODE = Pattern.compile("^[A-Z]{2}$");

    private volatile @Nullable Reader reader;

    /** Opens the database at {@code file} if it exists; logs a warning and answers {@value #UNKNOWN} if not. */
    public static GeoIpCountries at(Path file) {
        var countries = new GeoIpCountries();
        if (Files.isRegularFile(file)) {
            countries.open(file);
        } else {
            log.warn("No GeoIP database at {}: countries are '{}' until one is there", file, UNKNOWN);
        }
        return countries;
    }

    /** Uses the database at {@code file} from now on (memory-mapped); a file it cannot read is logged and ignored. */
    public void open(Path file) {
        try {
            var previous = reader;
            reader = new Reader(file.toFile(), new CHMCache());
            log.info("GeoIP database {} loaded", file);
            if (previous != null) {
                previous.close();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("GeoIP database {} unreadable ({}): countries stay '{}'", file, e.getMessage(), UNKNOWN);
        }
    }

    /** Whether a database is loaded. */
    public boolean loaded() {
        return reader != null;
    }

    /**
     * The ISO 3166-1 alpha-2 code of the address's country, or {@value #UNKNOWN} for an address that is none (only
     * literal IPv4/IPv6 addresses are looked up, never a host name), one the database lacks, or without a database.
     */
    public String country(@Nullable String ip) {
        var current = reader;
        if (current == null
                || ip == null
                || !(IPV4.matcher(ip).matches()
                        || (ip.contains(":") && IPV6.matcher(ip).matches()))) {
            return UNKNOWN;
        }
        try {
            // A literal address: InetAddress parses it without any name lookup.
            @SuppressWarnings("unchecked")
            Map<String, Object> record = current.get(InetAddress.getByName(ip), Map.class);
            if (record != null && record.get("country_code") instanceof String code) {
                var upper = code.toUpperCase(Locale.ROOT);
                return CODE.matcher(upper).matches() ? upper : UNKNOWN;
            }
            return UNKNOWN;
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    @Override
    public void close() throws IOException {
        var current = reader;
        reader = null;
        if (current != null) {
            current.close();
        }
    }
}
