package io.polyclinic.audit.config;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The secrets and the anchor of the audit chain ({@code polyclinic.audit.chain.*}, decision 0030). There is no
 * default for the key or the anchor file: the service refuses to start without them (the dev stack generates both
 * in its {@code var/} directory).
 *
 * @param key the current chain key, Base64 of at least 32 random bytes; <b>secret</b>, from the environment
 *     ({@code POLYCLINIC_AUDIT_CHAIN_KEY}); it links new records and signs the anchor
 * @param previousKeys keys used before a rotation, same format; they only verify the records they linked
 *     ({@code POLYCLINIC_AUDIT_CHAIN_PREVIOUSKEYS}, comma-separated; default none)
 * @param anchorFile the chain anchor: the latest position and link, kept outside the database, rewritten atomically
 *     after every stored batch; on a persistent volume written by this one instance
 */
@ConfigurationProperties("polyclinic.audit.chain")
public record ChainProperties(String key, @DefaultValue List<String> previousKeys, Path anchorFile) {

    /** Never shows the keys. */
    @Override
    public String toString() {
        return "ChainProperties[key=" + (key == null ? "none" : "(secret)") + ", previousKeys=" + previousKeys.size()
                + ", anchorFile=" + anchorFile + "]";
    }
}
