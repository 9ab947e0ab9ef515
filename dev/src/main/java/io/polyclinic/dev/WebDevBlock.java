package io.polyclinic.dev;

import io.polyclinic.web.WebApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web UI in the dev stack (port 8090, or a free port): a client of the stack's gateway, which serves its pages at
 * {@code /}. Its session cookie key is generated on the first start into {@code <var>/web-session-key} (owner-only)
 * so that browsers stay logged in across restarts; the environment ({@code POLYCLINIC_WEB_UI_SESSION_KEYS}) still
 * overrides it.
 */
final class WebDevBlock {

    /** The web UI's port when the stack runs on its fixed ports. */
    static final int PORT = 8090;

    /**
     * Auto-configurations of the web UI's libraries kept out of every other context on the shared classpath: the
     * Thymeleaf view layer and the message bundles (the notifier builds its own mail template engines).
     */
    static final List<String> WEB_UI_AUTO_CONFIGURATION = List.of(
            "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration",
            "org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration");

    private WebDevBlock() {}

    /**
     * Starts the web UI.
     *
     * @param commonArgs the stack's arguments of every context (its port, CORS, its dev settings import)
     * @param gatewayUrl where the API is
     * @param jwksUri identity's keys, to verify the session's access token
     * @param var the stack's data directory
     */
    static ConfigurableApplicationContext start(List<String> commonArgs, String gatewayUrl, String jwksUri, Path var) {
        var args = new ArrayList<>(commonArgs);
        args.add("--polyclinic.web-ui.api-uri=" + gatewayUrl);
        args.add("--polyclinic.security.jwk-set-uri=" + jwksUri);
        args.add("--management.health.rabbit.enabled=false");
        args.add("--spring.kafka.listener.auto-startup=false");
        // multipart on: the import wizard's upload (and its CSRF field, read from the multipart body) needs it
        args.addAll(DevStack.notTheGateway(DevStack.NO_DATABASE_AUTO_CONFIGURATION));
        var sessionKey = System.getenv("POLYCLINIC_WEB_UI_SESSION_KEYS");
        if (sessionKey == null || sessionKey.isBlank()) {
            args.add("--polyclinic.web-ui.session.keys="
                    + DevSecrets.kept(var.resolve("web-session-key"), 32, Base64.getEncoder()));
        }
        return new SpringApplicationBuilder(WebApplication.class)
                .main(WebApplication.class)
                .listeners(new LoggingInitializationLock())
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
    }
}
