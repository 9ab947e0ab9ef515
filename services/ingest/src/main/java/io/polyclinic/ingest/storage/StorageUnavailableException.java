package io.polyclinic.ingest.storage;

import io.polyclinic.platform.problem.DomainException;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/** The object store cannot be reached or failed: answered 503; the detail names no host. */
public class StorageUnavailableException extends DomainException {

    public StorageUnavailableException(Throwable cause) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "storage-unavailable",
                "File storage unavailable",
                "The file storage cannot be reached; try again later.");
        initCause(cause);
        LoggerFactory.getLogger(StorageUnavailableException.class).warn("Object storage failed", cause);
    }
}
