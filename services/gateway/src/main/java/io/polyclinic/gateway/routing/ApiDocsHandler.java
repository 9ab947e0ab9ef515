package io.polyclinic.gateway.routing;

import io.polyclinic.platform.web.RequestIdFilter;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v3/api-docs/<service>} for the aggregated Swagger UI: fetches the service's own {@code /v3/api-docs}
 * and replaces its {@code servers} with the gateway's URL, so that "Try it out" calls go through the gateway (with
 * its CORS, token check and rate limit) rather than to the service's internal address. A service that is down or
 * slow is a 503 or 504 problem, as on every other route.
 */
public class ApiDocsHandler implements HandlerFunction<ServerResponse> {

    private final Downstream downstream;
    private final RestClient client;
    private final JsonMapper jsonMapper;

    public ApiDocsHandler(Downstream downstream, JsonMapper jsonMapper) {
        this.downstream = downstream;
        this.client = downstream.client();
        this.jsonMapper = jsonMapper;
    }

    @Override
    public ServerResponse handle(ServerRequest request) {
        String body;
        try {
            body = client.get()
                    .uri(downstream.uri().resolve("/v3/api-docs"))
                    .accept(MediaType.APPLICATION_JSON)
                    .header(RequestIdFilter.HEADER, request.headers().firstHeader(RequestIdFilter.HEADER))
                    .retrieve()
                    .body(String.class);
        } catch (ResourceAccessException e) {
            return DownstreamProblems.isResponseTimeout(e)
                    ? DownstreamProblems.gatewayTimeout(request, downstream.name())
                    : DownstreamProblems.serviceUnavailable(request, downstream.name());
        } catch (org.springframework.web.client.RestClientResponseException e) {
            return DownstreamProblems.serviceUnavailable(request, downstream.name());
        }
        var document = (ObjectNode) jsonMapper.readTree(body == null ? "{}" : body);
        var gateway = request.uriBuilder()
                .replacePath(null)
                .replaceQuery(null)
                .build()
                .toString();
        var server = jsonMapper.createObjectNode().put("url", gateway).put("description", "Polyclinic gateway");
        document.set("servers", jsonMapper.createArrayNode().addAll(List.of(server)));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(document.toString());
    }
}
