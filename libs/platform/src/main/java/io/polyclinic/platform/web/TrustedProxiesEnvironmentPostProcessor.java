package io.polyclinic.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the one platform setting {@code polyclinic.web.trusted-proxies} (CIDR blocks) into the settings of Tomcat's
 * {@code RemoteIpValve}, which Spring Boot installs with {@code server.forward-headers-strategy=native}: the valve
 * walks {@code X-Forwarded-For} from right to left, skips the hops inside the trusted blocks, and takes the first
 * other address as the client's ({@code request.getRemoteAddr()}); it honours {@code X-Forwarded-Proto} (so
 * {@code request.isSecure()}) only from a trusted peer. Every service, the gateway included, thus sees the real
 * client behind the load balancer, while a header forged by anyone else is ignored.
 *
 * <p>The derived settings are added with the lowest priority: an explicit {@code server.tomcat.remoteip.*} or
 * {@code server.forward-headers-strategy} still wins. The strategy is set to {@code native} on every platform, so
 * that Spring Boot's own defaults (on Kubernetes: every private range) never decide whom to trust.
 */
public class TrustedProxiesEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY = "polyclinic.web.trusted-proxies";
    static final List<String> DEFAULT = List.of("127.0.0.0/8", "::1/128");
    private static final String SOURCE = "polyclinicTrustedProxies";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var proxies = Binder.get(environment)
                .bind(PROPERTY, Bindable.listOf(String.class))
                .orElse(DEFAULT);
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        SOURCE,
                        Map.of(
                                "server.forward-headers-strategy", "native",
                                "server.tomcat.remoteip.internal-proxies", internalProxies(proxies),
                                "server.tomcat.remoteip.trusted-proxies", "",
                                "server.tomcat.remoteip.remote-ip-header", "X-Forwarded-For",
                                "server.tomcat.remoteip.protocol-header", "X-Forwarded-Proto")));
    }

    /**
     * The valve's {@code internalProxies} value: the blocks joined by commas, a bare address widened to a one-host
     * block (the valve reads the value as CIDR blocks only when it contains a slash, else as a regular expression).
     *
     * @throws IllegalStateException for an entry that is not an IPv4 or IPv6 address or block
     */
    static String internalProxies(List<String> proxies) {
        var blocks = new ArrayList<String>();
        for (var raw : proxies) {
            var entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            var slash = entry.indexOf('/');
            var address = slash < 0 ? entry : entry.substring(0, slash);
            boolean v6 = address.contains(":");
            if (!(v6 ? address.matches("[0-9A-Fa-f:.]+") : address.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
                throw new IllegalStateException(
                        PROPERTY + ": '" + entry + "' is not an IP address or CIDR block such as 10.0.3.0/24");
            }
            if (slash < 0) {
                blocks.add(entry + (v6 ? "/128" : "/32"));
                continue;
            }
            int bits;
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > (v6 ? 128 : 32)) {
                throw new IllegalStateException(PROPERTY + ": '" + entry + "' has an invalid prefix length");
            }
            blocks.add(entry);
        }
        return String.join(",", blocks);
    }
}
