package io.polyclinic.ingest.storage;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The bucket of spreadsheets uploaded through presigned URLs (decision 0064), through the AWS SDK v2 S3 client (MinIO
 * in compose, S3Proxy in the dev stack and tests, any S3 in production). Failures of the store surface as {@link StorageUnavailableException}.
 */
public class ObjectStore {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public ObjectStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /** Creates the bucket when it does not exist (at start). */
    public void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw new StorageUnavailableException(e);
            }
            s3.createBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            throw new StorageUnavailableException(e);
        }
    }

    /** The object's size in bytes; empty when there is no such object. */
    public Optional<Long> size(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new StorageUnavailableException(e);
        } catch (SdkException e) {
            throw new StorageUnavailableException(e);
        }
    }

    /** Copies the object to a local file (replaced when it exists). */
    public void download(String key, Path target) {
        try {
            java.nio.file.Files.deleteIfExists(target);
            s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(target));
        } catch (SdkException e) {
            throw new StorageUnavailableException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Removes the object (no error when it is gone). */
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new StorageUnavailableException(e);
        }
    }

    /** A URL that lets its holder PUT the object {@code key} until {@code ttl} has passed (SigV4 query signing). */
    public URL presignPut(String key, Duration ttl) {
        return presigner
                .presignPutObject(p -> p.signatureDuration(ttl)
                        .putObjectRequest(r -> r.bucket(bucket).key(key)))
                .url();
    }
}
