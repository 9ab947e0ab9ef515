package io.polyclinic.collector.reference;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark's reference (bench/analytics.sh): {@code POST /bench/noop} reads the body like {@code /track} and
 * answers 204 with nothing else done, through the same Tomcat connector, filters and security chain as the collector's
 * own routes. Served only with {@code polyclinic.collector.reference-endpoint.enabled=true}.
 */
@Hidden
@RestController
@ConditionalOnBooleanProperty("polyclinic.collector.reference-endpoint.enabled")
public class ReferenceController {

    @PostMapping(path = "/bench/noop", consumes = MediaType.ALL_VALUE)
    public ResponseEntity<Void> noop(@RequestBody(required = false) byte[] body) {
        return ResponseEntity.noContent().build();
    }
}
