package io.polyclinic.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/** The identity service (docs/product.md S1): users, sessions, access and refresh tokens, the public signing keys, roles. */
@SpringBootApplication
@PropertySource("classpath:identity.properties")
public class IdentityApplication {

    public static void main(String[] args) {
        SpringApplication.run(IdentityApplication.class, args);
    }
}
