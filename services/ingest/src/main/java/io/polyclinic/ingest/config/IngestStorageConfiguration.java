package io.polyclinic.ingest.config;

import io.polyclinic.ingest.storage.ObjectStore;
import io.polyclinic.ingest.storage.UploadService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The object store of uploads (decision 0042): an AWS SDK v2 S3 client on {@code polyclinic.ingest.storage.endpoint}
 * with path-style addressing, and a presigner whose URLs name the public endpoint the user's browser reaches. Keys
 * come from {@code access-key}/{@code secret-key} when set, else from the SDK's default chain (environment, profile,
 * instance role).
 */
@Configuration(proxyBeanMethods = false)
public class IngestStorageConfiguration {

    @Bean(destroyMethod = "close")
    S3Client s3Client(IngestProperties properties) {
        var storage = properties.storage();
        return S3Client.builder()
                .endpointOverride(storage.endpoint())
                .region(Region.of(storage.region()))
                .credentialsProvider(credentials(storage))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(storage.pathStyle())
                        .build())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // Checksums only where S3 requires them: the SDK's default trailing CRC (aws-chunked uploads) is
                // not understood by every S3-compatible server.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(IngestProperties properties) {
        var storage = properties.storage();
        return S3Presigner.builder()
                .endpointOverride(storage.effectivePublicEndpoint())
                .region(Region.of(storage.region()))
                .credentialsProvider(credentials(storage))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(storage.pathStyle())
                        .build())
                .build();
    }

    @Bean
    ObjectStore objectStore(S3Client s3, S3Presigner presigner, IngestProperties properties) {
        return new ObjectStore(s3, presigner, properties.storage().bucket());
    }

    @Bean
    UploadService.UploadSettings uploadSettings(IngestProperties properties) {
        return new UploadService.UploadSettings(properties.storage().presignedUrlTtl());
    }

    private static AwsCredentialsProvider credentials(IngestProperties.Storage storage) {
        if (storage.accessKey() != null && !storage.accessKey().isBlank()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(storage.accessKey(), storage.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
