package io.polyclinic.deploy.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/**
 * Binds one rendered object to its fabric8 Kubernetes model class with unknown fields failing.
 *
 * <p>fabric8's own deserialization is lenient on purpose: every model class keeps fields it does not know in an
 * "additional properties" map, and a value of the wrong type lands there too. Here the kind is looked up the
 * lenient way (an unknown {@code apiVersion}/{@code kind} comes back as a {@link GenericKubernetesResource}, which
 * fails), then the object is bound again by a mapper that ignores the catch-all map and
 * {@code @JsonIgnoreProperties}: a misspelt or misplaced field ({@code readOnlyRootFileSystem}, {@code port} one
 * level too high) or a wrong type ({@code replicas: "two"}) is an error naming the field.
 */
final class StrictBinding {

    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }

                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(
                        MapperConfig<?> config, Annotated annotated) {
                    return JsonIgnoreProperties.Value.empty();
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private StrictBinding() {}

    /**
     * @param document one rendered object, as read from YAML
     * @return the object as its fabric8 model class (a {@code Deployment}, a {@code NetworkPolicy}, ...)
     * @throws AssertionError naming the object and the field when the kind is unknown or a field does not bind
     */
    static HasMetadata bind(Map<String, Object> document) {
        JsonNode tree = STRICT.valueToTree(document);
        var name = tree.path("kind").asText() + " "
                + tree.path("metadata").path("name").asText();
        KubernetesResource lenient;
        try {
            lenient = FABRIC8.unmarshal(tree.toString(), KubernetesResource.class);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new AssertionError(name + " does not bind: " + cause.getMessage(), e);
        }
        if (!(lenient instanceof HasMetadata) || lenient instanceof GenericKubernetesResource) {
            fail(name + ": apiVersion " + tree.path("apiVersion").asText() + " is no kind the Kubernetes model knows");
        }
        try {
            return (HasMetadata) STRICT.treeToValue(tree, lenient.getClass());
        } catch (JsonProcessingException e) {
            throw new AssertionError(
                    name + " does not bind to " + lenient.getClass().getSimpleName() + ": "
                            + e.getOriginalMessage()
                            + (e instanceof JsonMappingException mapping ? " at " + mapping.getPathReference() : ""),
                    e);
        }
    }
}
