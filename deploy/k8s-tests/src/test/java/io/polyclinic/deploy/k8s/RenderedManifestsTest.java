package io.polyclinic.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both overlays of {@code deploy/k8s}, rendered by kubectl and bound to the Kubernetes model with unknown fields
 * failing, then read the way a reviewer of a pod's security and availability reads them.
 */
class RenderedManifestsTest {

    /** The services with a Deployment of their own (the platform's, not the collector's or Jaeger's). */
    static final Set<String> SERVICES =
            Set.of("gateway", "identity", "booking", "audit", "notifier", "orders", "ingest");

    /** Services that must run as one instance: audit writes the chain anchor file (decision 0030). */
    static final Set<String> SINGLE_INSTANCE = Set.of("audit");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRenderedObjectBindsToTheKubernetesModel(String overlay) {
        var objects = bound(overlay);

        assertThat(objects).hasSizeGreaterThan(40);
        assertThat(objects).allSatisfy(object -> assertThat(object.getMetadata().getNamespace())
                .as(describe(object))
                .isIn(null, namespace(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasProbesResourcesAndARestrictedSecurityContext(String overlay) {
        var deployments = ofKind(bound(overlay), Deployment.class);

        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsAll(SERVICES);
        for (var deployment : deployments) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            for (var container : pod.getContainers()) {
                var what = deployment.getMetadata().getName() + "/" + container.getName();
                assertThat(container.getLivenessProbe()).as(what + " liveness").isNotNull();
                assertThat(container.getReadinessProbe())
                        .as(what + " readiness")
                        .isNotNull();
                var resources = container.getResources();
                assertThat(resources.getRequests()).as(what + " requests").containsKeys("cpu", "memory");
                assertThat(resources.getLimits()).as(what + " limits").containsKey("memory");
                assertRestricted(what, pod, container);
            }
            if (SERVICES.contains(deployment.getMetadata().getName())) {
                assertProbesOnTheActuator(deployment);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasAServiceADisruptionBudgetAndAnAutoscalerUnlessItMustRunAlone(String overlay) {
        var objects = bound(overlay);
        var services = names(ofKind(objects, Service.class));
        var budgets = ofKind(objects, PodDisruptionBudget.class);
        var autoscalers = ofKind(objects, HorizontalPodAutoscaler.class);

        for (var service : SERVICES) {
            assertThat(services).as("Service " + service).contains(service);
            assertThat(budgets)
                    .as("a PodDisruptionBudget selecting " + service)
                    .anyMatch(budget -> service.equals(
                            budget.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name")));
            var scaled = autoscalers.stream()
                    .filter(hpa -> hpa.getSpec().getScaleTargetRef().getName().equals(service))
                    .toList();
            if (SINGLE_INSTANCE.contains(service)) {
                assertThat(scaled).as("autoscalers of " + service).isEmpty();
                assertThat(ofKind(objects, Deployment.class))
                        .filteredOn(d -> d.getMetadata().getName().equals(service))
                        .singleElement()
                        .satisfies(d -> {
                            assertThat(d.getSpec().getReplicas()).isEqualTo(1);
                            assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
                        });
            } else {
                assertThat(scaled).as("autoscaler of " + service).hasSize(1);
            }
        }
        assertThat(ofKind(objects, Ingress.class)).singleElement().satisfies(ingress -> assertThat(
                        ingress.getSpec().getRules())
                .allSatisfy(rule -> assertThat(rule.getHttp().getPaths()).allSatisfy(path -> assertThat(
                                path.getBackend().getService().getName())
                        .isEqualTo("gateway"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void trafficIsDeniedUnlessAPolicyAllowsIt(String overlay) {
        var policies = ofKind(bound(overlay), NetworkPolicy.class);

        assertThat(policies)
                .filteredOn(p -> p.getMetadata().getName().equals("default-deny"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
                    assertThat(p.getSpec().getPodSelector().getMatchExpressions())
                            .isNullOrEmpty();
                    assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
                    assertThat(p.getSpec().getIngress()).isNullOrEmpty();
                    assertThat(p.getSpec().getEgress()).isNullOrEmpty();
                });
        // No policy opens a port to every source: each ingress rule names its peers.
        assertThat(policies).allSatisfy(p -> assertThat(p.getSpec().getIngress())
                .as(p.getMetadata().getName())
                .allSatisfy(rule -> assertThat(rule.getFrom()).isNotEmpty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noSecretValueIsCommitted(String overlay) {
        var secrets = ofKind(bound(overlay), Secret.class);

        if (overlay.equals("prod")) {
            assertThat(secrets).as("production's Secrets come from outside Git").isEmpty();
        }
        assertThat(secrets).allSatisfy(secret -> {
            assertThat(secret.getData()).as(secret.getMetadata().getName()).isNullOrEmpty();
            assertThat(secret.getStringData().values())
                    .as(secret.getMetadata().getName())
                    .allMatch(String::isEmpty);
        });
    }

    private static void assertRestricted(String what, PodSpec pod, Container container) {
        var podContext = pod.getSecurityContext();
        var context = container.getSecurityContext();
        assertThat(context).as(what + " securityContext").isNotNull();
        assertThat(firstNonNull(context.getRunAsNonRoot(), podContext.getRunAsNonRoot()))
                .as(what + " runAsNonRoot")
                .isTrue();
        assertThat(context.getReadOnlyRootFilesystem())
                .as(what + " readOnlyRootFilesystem")
                .isTrue();
        assertThat(context.getAllowPrivilegeEscalation())
                .as(what + " allowPrivilegeEscalation")
                .isFalse();
        assertThat(context.getCapabilities().getDrop())
                .as(what + " dropped capabilities")
                .containsExactly("ALL");
        assertThat(context.getCapabilities().getAdd())
                .as(what + " added capabilities")
                .isNullOrEmpty();
        var seccomp =
                context.getSeccompProfile() != null ? context.getSeccompProfile() : podContext.getSeccompProfile();
        assertThat(seccomp.getType()).as(what + " seccomp").isEqualTo("RuntimeDefault");
        assertThat(container.getImage())
                .as(what + " image tag")
                .matches("[^:]+:[^:]+")
                .doesNotEndWith(":latest");
    }

    private static void assertProbesOnTheActuator(Deployment deployment) {
        var container =
                deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        var what = deployment.getMetadata().getName();
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(what).isEqualTo("/actuator/health/liveness");
        assertThat(container.getReadinessProbe().getHttpGet().getPath())
                .as(what)
                .isEqualTo("/actuator/health/readiness");
        assertThat(container.getVolumeMounts()).as(what).anyMatch(mount -> mount.getMountPath()
                .equals("/tmp"));
    }

    private static List<HasMetadata> bound(String overlay) {
        return Kustomize.render(overlay).stream().map(StrictBinding::bind).toList();
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).toList();
    }

    private static String namespace(String overlay) {
        return Map.of("dev", "polyclinic-dev", "prod", "polyclinic").get(overlay);
    }

    private static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }

    private static Boolean firstNonNull(Boolean first, Boolean second) {
        return Objects.requireNonNullElse(first, second);
    }
}
