package io.polyclinic.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * The web UI (port 8090): server-rendered pages for patients, clinic managers and admins. It has no database; every
 * page is built from the public API, called through the gateway with the browser's session, language and address.
 */
@SpringBootApplication
@PropertySource("classpath:web.properties")
public class WebApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }
}
