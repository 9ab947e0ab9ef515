package io.polyclinic.ingest.clinic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Clinic names by id, from booking's public catalogue ({@code GET /api/v1/clinics/{id}}): the warehouse stores a
 * clinic by name, and a CLINIC_MANAGER's token names the clinics they run by id.
 */
public class ClinicDirectory {

    private final RestClient http;

    /**
     * @param bookingUri booking's base URL ({@code polyclinic.ingest.booking-uri})
     * @param timeout connect and read timeout of one lookup
     */
    public ClinicDirectory(URI bookingUri, Duration timeout) {
        var factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(timeout);
        factory.setReadTimeout(timeout);
        this.http = RestClient.builder()
                .baseUrl(bookingUri.toString())
                .requestFactory(factory)
                .build();
    }

    /**
     * The name of clinic {@code id}; empty when booking does not know it.
     *
     * @throws ClinicDirectoryUnavailableException when booking cannot be asked
     */
    public Optional<String> name(UUID id) {
        try {
            var clinic = http.get()
                    .uri("/api/v1/clinics/{id}", id)
                    .retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {})
                    .toEntity(ClinicName.class);
            if (!clinic.getStatusCode().is2xxSuccessful() || clinic.getBody() == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(clinic.getBody().name());
        } catch (RestClientException e) {
            throw new ClinicDirectoryUnavailableException(e);
        }
    }

    /** The part of booking's clinic answer this needs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClinicName(UUID id, String name) {}
}
