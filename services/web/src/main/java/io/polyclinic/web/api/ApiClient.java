package io.polyclinic.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web UI's only way to data: the public API through the gateway. Every call carries the browser's access token
 * (when logged in), its language ({@code Accept-Language} of the page's locale), its {@code User-Agent}, the request
 * id, and the browser's address in {@code X-Forwarded-For}: the gateway counts the web UI as a trusted proxy, so rate
 * limits, login protection and the session list see the person, not the web UI (decision 0051).
 *
 * <p>An error answer becomes an {@link ApiException} with the problem's detail and field messages; an unreachable or
 * slow gateway is a 503 {@link ApiException}.
 */
public class ApiClient {

    /** Request attribute holding the access token of the current request's session. */
    public static final String ACCESS_TOKEN_ATTRIBUTE = ApiClient.class.getName() + ".accessToken";

    private final RestClient http;
    private final JsonMapper json;

    /**
     * @param apiUri the gateway's base URI
     * @param connectTimeout time to open a connection
     * @param readTimeout time to wait for the whole answer
     */
    public ApiClient(
            java.net.URI apiUri,
            java.time.Duration connectTimeout,
            java.time.Duration readTimeout,
            RestClient.Builder builder,
            JsonMapper json) {
        var factory = new JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .build());
        factory.setReadTimeout(readTimeout);
        // A tolerant reader: the platform's mapper refuses unknown fields in requests to our APIs, but an answer that
        // gains a field must not break a page that does not show it.
        var tolerant = json.rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.http = builder.baseUrl(apiUri.toString())
                .requestFactory(factory)
                .configureMessageConverters(
                        converters -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(tolerant)))
                .build();
        this.json = json;
    }

    /** GET {@code path} (with its query) as {@code type}. */
    public <T> T get(String path, Class<T> type) {
        return call(() -> http.get().uri(path).headers(this::browserHeaders).retrieve())
                .body(type);
    }

    /** GET {@code path} as a generic type such as {@code Page<Doctor>}. */
    public <T> T get(String path, ParameterizedTypeReference<T> type) {
        return call(() -> http.get().uri(path).headers(this::browserHeaders).retrieve())
                .body(type);
    }

    /**
     * GET a URI template such as {@code /api/v1/doctors?name={name}} with its variables, which are encoded here
     * (user input goes into variables, never into the template).
     */
    public <T> T get(String template, java.util.Map<String, ?> variables, ParameterizedTypeReference<T> type) {
        return call(() -> http.get()
                        .uri(template, variables)
                        .headers(this::browserHeaders)
                        .retrieve())
                .body(type);
    }

    /** POST {@code body} as JSON (or nothing for null) and read the answer as {@code type} (null for none). */
    public <T> @Nullable T post(String path, @Nullable Object body, @Nullable Class<T> type) {
        return send(HttpMethod.POST, path, body, type);
    }

    /** PUT {@code body} as JSON and read the answer as {@code type} (null for none). */
    public <T> @Nullable T put(String path, @Nullable Object body, @Nullable Class<T> type) {
        return send(HttpMethod.PUT, path, body, type);
    }

    /** PATCH {@code body} as JSON and read the answer as {@code type} (null for none). */
    public <T> @Nullable T patch(String path, @Nullable Object body, @Nullable Class<T> type) {
        return send(HttpMethod.PATCH, path, body, type);
    }

    private <T> @Nullable T send(HttpMethod method, String path, @Nullable Object body, @Nullable Class<T> type) {
        var spec = call(() -> {
            var request = http.method(method).uri(path).headers(this::browserHeaders);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.retrieve();
        });
        if (type == null) {
            spec.toBodilessEntity();
            return null;
        }
        return spec.body(type);
    }

    /**
     * POST {@code parts} as {@code multipart/form-data} (a file part is a {@link org.springframework.core.io.Resource}
     * with a file name; it is streamed, not held in memory) and read the answer as {@code type}.
     */
    public <T> T postMultipart(String path, org.springframework.util.MultiValueMap<String, ?> parts, Class<T> type) {
        return call(() -> http.post()
                        .uri(path)
                        .headers(this::browserHeaders)
                        .contentType(MediaType.MULTIPART_FORM_DATA)
                        .body(parts)
                        .retrieve())
                .body(type);
    }

    /**
     * GET {@code path} and hand its answer's headers and body to {@code sink} while the connection is open (for a
     * download passed on to the browser as it arrives); an error answer is an {@link ApiException} before
     * {@code sink} is called.
     */
    public void download(String path, java.util.function.BiConsumer<HttpHeaders, InputStream> sink) {
        try {
            http.get().uri(path).headers(this::browserHeaders).exchange((request, response) -> {
                if (response.getStatusCode().isError()) {
                    throw problem(response.getStatusCode().value(), response.getBody());
                }
                sink.accept(response.getHeaders(), response.getBody());
                return null;
            });
        } catch (ResourceAccessException e) {
            throw new ApiException(503, "unavailable", null, Map.of());
        }
    }

    /** DELETE {@code path}. */
    public void delete(String path) {
        call(() -> http.delete().uri(path).headers(this::browserHeaders).retrieve())
                .toBodilessEntity();
    }

    private RestClient.ResponseSpec call(java.util.function.Supplier<RestClient.ResponseSpec> request) {
        try {
            return request.get().onStatus(HttpStatusCode::isError, (req, response) -> {
                throw problem(response.getStatusCode().value(), response.getBody());
            });
        } catch (ResourceAccessException e) {
            throw new ApiException(503, "unavailable", null, Map.of());
        }
    }

    /** The problem details of an error answer as an exception; a body that is not one leaves only the status. */
    private ApiException problem(int status, InputStream body) {
        String type = "";
        String detail = null;
        var fields = new LinkedHashMap<String, String>();
        try {
            JsonNode node = json.readTree(body.readNBytes(64 * 1024));
            var typeUri = node.path("type").asString("");
            type = typeUri.substring(typeUri.lastIndexOf('/') + 1);
            detail = node.path("detail").isString() ? node.path("detail").asString() : null;
            for (var error : node.path("errors")) {
                fields.putIfAbsent(
                        error.path("field").asString(""), error.path("message").asString(""));
            }
        } catch (IOException | RuntimeException notAProblem) {
            // a body that is not a problem: the status alone tells what happened
        }
        return new ApiException(status, type, detail, fields);
    }

    /**
     * The headers a call made now would carry (access token, language, request id, the browser's address and user
     * agent), for a call made off the request's thread, such as a relayed event stream.
     */
    public HttpHeaders currentHeaders() {
        var headers = new HttpHeaders();
        browserHeaders(headers);
        return headers;
    }

    private void browserHeaders(HttpHeaders headers) {
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, locale.getLanguage().isEmpty() ? "en" : locale.toLanguageTag());
        headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        var requestId = MDC.get(io.polyclinic.platform.tracing.RequestIds.MDC_KEY);
        if (requestId != null) {
            headers.set("X-Request-Id", requestId);
        }
        var request = currentRequest();
        if (request == null) {
            return;
        }
        headers.set("X-Forwarded-For", request.getRemoteAddr());
        var userAgent = request.getHeader(HttpHeaders.USER_AGENT);
        if (userAgent != null) {
            headers.set(HttpHeaders.USER_AGENT, userAgent.length() > 500 ? userAgent.substring(0, 500) : userAgent);
        }
        if (request.getAttribute(ACCESS_TOKEN_ATTRIBUTE) instanceof String token) {
            headers.setBearerAuth(token);
        }
    }

    private static @Nullable HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }

    /** A value for a query string, encoded; the API's own limits apply to its length. */
    public static String query(@Nullable String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
