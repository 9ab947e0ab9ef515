package io.polyclinic.deploy.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration properties a service defines, and whether an environment variable names one of them under
 * Spring Boot's relaxed binding (upper case, {@code .} as {@code _}, dashes dropped or turned into {@code _}, map keys
 * and list indexes as further segments).
 *
 * <p>Where the names come from, all read from the test classpath without starting anything:
 * <ul>
 *   <li>Spring's configuration metadata ({@code META-INF/spring-configuration-metadata.json}) of every jar: Spring
 *       Boot's and the libraries' own properties. This is the union over the services' classpaths, so a Spring
 *       property of a starter that one service lacks is not caught;</li>
 *   <li>the {@code @ConfigurationProperties} types of libs/platform ({@code io.polyclinic.platform}) and of the
 *       service itself ({@code io.polyclinic.<service>}), walked by reflection (record components or bean
 *       properties), so another service's property is not accepted;</li>
 *   <li>the keys of {@code <service>.properties} and the platform defaults, and the names their {@code ${...}}
 *       placeholders read (e.g. {@code KAFKA_BOOTSTRAP_SERVERS}).</li>
 * </ul>
 */
final class PropertyCatalog {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)");
    private static final List<Pattern> SPRING_METADATA = springMetadata();

    private final List<Pattern> servicePatterns;

    private PropertyCatalog(List<Pattern> servicePatterns) {
        this.servicePatterns = servicePatterns;
    }

    /**
     * The catalogue of one service.
     *
     * @param service the module name, e.g. {@code booking}: package {@code io.polyclinic.booking}, file
     *     {@code booking.properties}
     */
    static PropertyCatalog of(String service) {
        var patterns = new ArrayList<Pattern>();
        for (var basePackage : List.of("io.polyclinic.platform", "io.polyclinic." + service)) {
            for (var name : configurationPropertyNames(basePackage)) {
                patterns.addAll(envPatterns(name));
            }
        }
        for (var file : List.of(service + ".properties", "polyclinic-platform-defaults.properties")) {
            propertiesFile(file).ifPresent(properties -> {
                for (var key : properties.stringPropertyNames()) {
                    patterns.addAll(envPatterns(key.replaceAll("\\[\\d+]", "[*]")));
                    Matcher placeholder = PLACEHOLDER.matcher(properties.getProperty(key));
                    while (placeholder.find()) {
                        patterns.addAll(envPatterns(placeholder.group(1)));
                    }
                }
            });
        }
        return new PropertyCatalog(List.copyOf(patterns));
    }

    /** Whether the service has a {@code <service>.properties} on the classpath (its module is a dependency). */
    static boolean hasModule(String service) {
        return propertiesFile(service + ".properties").isPresent();
    }

    /** Whether the environment variable sets a property this service defines. */
    boolean defines(String environmentVariable) {
        return servicePatterns.stream()
                        .anyMatch(p -> p.matcher(environmentVariable).matches())
                || SPRING_METADATA.stream()
                        .anyMatch(p -> p.matcher(environmentVariable).matches());
    }

    /**
     * The two environment-variable forms Spring Boot binds to a property (canonical: dashes dropped; legacy: dashes
     * as underscores). In {@code name}, a segment {@code *} is a map key (one segment; a trailing {@code .**} any
     * number) and {@code [*]} a list index.
     */
    static List<Pattern> envPatterns(String name) {
        var patterns = new ArrayList<Pattern>();
        for (var dash : List.of("", "_")) {
            var regex = new StringBuilder();
            var segments = name.split("\\.");
            for (int i = 0; i < segments.length; i++) {
                var segment = segments[i];
                if (i > 0) {
                    regex.append('_');
                }
                if (segment.equals("**")) {
                    regex.append("[A-Z0-9_]+");
                } else if (segment.equals("*")) {
                    regex.append("[A-Z0-9]+");
                } else {
                    var index = segment.endsWith("[*]");
                    var plain = index ? segment.substring(0, segment.length() - 3) : segment;
                    regex.append(Pattern.quote(plain.toUpperCase(Locale.ROOT).replace("-", dash)));
                    if (index) {
                        regex.append("(_[0-9]+)?");
                    }
                }
            }
            patterns.add(Pattern.compile(regex.toString()));
        }
        return patterns;
    }

    private static List<String> configurationPropertyNames(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        var names = new ArrayList<String>();
        for (var definition : scanner.findCandidateComponents(basePackage)) {
            var type =
                    ClassUtils.resolveClassName(definition.getBeanClassName(), PropertyCatalog.class.getClassLoader());
            var annotation = type.getAnnotation(ConfigurationProperties.class);
            var prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            walk(prefix, type, names, 0);
        }
        return names;
    }

    private static void walk(String prefix, Type type, List<String> names, int depth) {
        var raw = rawClass(type);
        if (Map.class.isAssignableFrom(raw)) {
            var value = ((ParameterizedType) type).getActualTypeArguments()[1];
            if (isLeaf(rawClass(value))) {
                names.add(prefix + ".**");
            } else {
                walk(prefix + ".*", value, names, depth + 1);
            }
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray() || isLeaf(raw) || depth > 6) {
            names.add(prefix + "[*]");
        } else if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                walk(prefix + "." + kebab(component.getName()), component.getGenericType(), names, depth + 1);
            }
        } else {
            for (var property : BeanUtils.getPropertyDescriptors(raw)) {
                if (property.getReadMethod() != null && !property.getName().equals("class")) {
                    walk(
                            prefix + "." + kebab(property.getName()),
                            property.getReadMethod().getGenericReturnType(),
                            names,
                            depth + 1);
                }
            }
        }
    }

    private static boolean isLeaf(Class<?> type) {
        return type.isPrimitive()
                || type.isEnum()
                || type.getName().startsWith("java.")
                || type.getName().startsWith("org.springframework.util.unit.")
                || type.getName().startsWith("org.springframework.core.io.");
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return type instanceof Class<?> c ? c : Object.class;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Optional<Properties> propertiesFile(String name) {
        try (var in = PropertyCatalog.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            var properties = new Properties();
            properties.load(in);
            return Optional.of(properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Pattern> springMetadata() {
        var json = JsonMapper.builder().build();
        var patterns = new ArrayList<Pattern>();
        try {
            var resources =
                    PropertyCatalog.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
            while (resources.hasMoreElements()) {
                try (var in = resources.nextElement().openStream()) {
                    for (var property : json.readTree(in).path("properties")) {
                        var name = property.path("name").asString();
                        var type = property.path("type").asString("");
                        var suffix = type.startsWith("java.util.Map")
                                ? ".**"
                                : type.startsWith("java.util.List") ? "[*]" : "";
                        patterns.addAll(envPatterns(name + suffix));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(patterns);
    }
}
