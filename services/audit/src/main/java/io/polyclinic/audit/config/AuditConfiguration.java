package io.polyclinic.audit.config;

import io.polyclinic.audit.record.AuditRecordRepository;
import io.polyclinic.audit.record.ChainAnchorStore;
import io.polyclinic.audit.record.ChainKeys;
import io.polyclinic.audit.shared.AuditProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the audit service: its properties, the clock that stamps {@code recordedAt}, the chain keys and the
 * chain anchor (decision 0030; the service does not start without a key and an anchor file).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuditProperties.class, ChainProperties.class})
public class AuditConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ChainKeys chainKeys(ChainProperties properties) {
        return ChainKeys.of(properties.key(), properties.previousKeys());
    }

    @Bean
    ChainAnchorStore chainAnchorStore(
            ChainProperties properties, ChainKeys keys, Clock clock, AuditRecordRepository repository) {
        if (properties.anchorFile() == null) {
            throw new IllegalStateException("No audit chain anchor file: set polyclinic.audit.chain.anchor-file"
                    + " (environment variable POLYCLINIC_AUDIT_CHAIN_ANCHORFILE) to a path on a persistent volume");
        }
        return new ChainAnchorStore(properties.anchorFile(), keys, clock, repository);
    }
}
