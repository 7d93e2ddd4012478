package dev.scoring.manifests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;

/**
 * A function's Knative Service and the parts of it the build adds to what Quarkus generates: the restricted
 * container security context, the revision annotations Quarkus has no setting for, the zone spread, and the
 * model's identity as labels and an annotation. The build's decorators apply these parts; the operator renders
 * the whole Service from them and from the same defaults Quarkus is configured with in the extension
 * (probes, autoscaler class and metric, metrics annotations), and a test compares both renderings.
 */
public final class FunctionService {

    public static final String LABEL_MODEL = "scoring.dev/model";
    public static final String LABEL_MODEL_VERSION = "scoring.dev/model-version";
    public static final String ANNOTATION_MODEL_SHA256 = "scoring.dev/model-sha256";
    public static final String VISIBILITY = "networking.knative.dev/visibility";
    private static final int HTTP_PORT = 8080;
    private static final String JSON_LOG_VARIABLE = "QUARKUS_LOG_CONSOLE_JSON_ENABLED";

    /** The container variable with the model checksum the function must serve (scoring.model.expected-sha256). */
    public static final String EXPECTED_SHA256_VARIABLE = "SCORING_MODEL_EXPECTED_SHA256";

    private FunctionService() {
    }

    /**
     * The restricted Pod Security Standard for the function's container: non-root, read-only root file system,
     * no privilege escalation, every capability dropped, the runtime's default seccomp profile. A read-only root
     * file system is safe because a scoring function writes nothing: the model is read from the class path and
     * Vert.x' file cache is switched off in the extension's defaults.
     */
    public static SecurityContext restrictedSecurityContext() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /** The revision annotations Quarkus' Knative settings leave out: initial scale and scale-down delay. */
    public static Map<String, String> extraRevisionAnnotations(int initialScale, String scaleDownDelay) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("autoscaling.knative.dev/initial-scale", Integer.toString(initialScale));
        annotations.put("autoscaling.knative.dev/scale-down-delay", scaleDownDelay);
        return annotations;
    }

    /** Spread when possible, but never keep a cold start waiting for a domain (ScheduleAnyway). */
    public static TopologySpreadConstraint topologySpread(String function, String topologyKey) {
        return new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey(topologyKey)
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector().addToMatchLabels("app.kubernetes.io/name", function).endLabelSelector()
                .build();
    }

    /** The model's identity on the Service and its revisions: labels to select by, the checksum to verify. */
    public static Map<String, String> modelLabels(ServingSettings.ModelIdentity model) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_MODEL, model.name());
        labels.put(LABEL_MODEL_VERSION, model.version());
        return labels;
    }

    /** The whole Knative Service, as the build writes it for the same settings. */
    public static Service of(ServingSettings settings) {
        Map<String, String> labels = new LinkedHashMap<>(modelLabels(settings.model()));
        if (settings.clusterLocal()) {
            labels.put(VISIBILITY, "cluster-local");
        }
        labels.put("app.kubernetes.io/name", settings.function());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ANNOTATION_MODEL_SHA256, settings.model().sha256());
        annotations.putAll(metricsAnnotations());
        Map<String, String> revisionAnnotations = new LinkedHashMap<>(
                extraRevisionAnnotations(settings.scaling().initialScale(), settings.scaling().scaleDownDelay()));
        revisionAnnotations.put("autoscaling.knative.dev/class", "kpa.autoscaling.knative.dev");
        revisionAnnotations.put("autoscaling.knative.dev/metric", "concurrency");
        revisionAnnotations.put("autoscaling.knative.dev/target", Integer.toString(settings.scaling().target()));
        revisionAnnotations.put("autoscaling.knative.dev/max-scale", Integer.toString(settings.scaling().maxScale()));
        revisionAnnotations.put("autoscaling.knative.dev/min-scale", Integer.toString(settings.scaling().minScale()));
        revisionAnnotations.putAll(annotations);
        List<TopologySpreadConstraint> spread = settings.topologyKey()
                .map(key -> List.of(topologySpread(settings.function(), key))).orElse(List.of());
        return new ServiceBuilder()
                .withNewMetadata().withName(settings.function()).withLabels(labels).withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).withAnnotations(revisionAnnotations).endMetadata()
                .withNewSpec()
                .withContainerConcurrency((long) settings.scaling().containerConcurrency())
                .withContainers(container(settings))
                .withEnableServiceLinks(false)
                .withTopologySpreadConstraints(spread)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * The settings a Service was rendered from: what {@link #of(ServingSettings)} reads back, so that a Service
     * the build wrote can be described as a ScoringFunction and compared with its rendering.
     */
    public static ServingSettings settingsOf(Service service) {
        Map<String, String> labels = orEmpty(service.getMetadata().getLabels());
        Map<String, String> annotations = orEmpty(service.getSpec().getTemplate().getMetadata().getAnnotations());
        Container container = service.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<EnvVar> env = container.getEnv() == null ? List.of()
                : container.getEnv().stream()
                        .filter(e -> !e.getName().equals(JSON_LOG_VARIABLE) && !e.getName().equals(EXPECTED_SHA256_VARIABLE))
                        .toList();
        Map<String, Quantity> requests = orEmpty(container.getResources().getRequests());
        Map<String, Quantity> limits = orEmpty(container.getResources().getLimits());
        List<TopologySpreadConstraint> spread = service.getSpec().getTemplate().getSpec()
                .getTopologySpreadConstraints();
        return new ServingSettings(service.getMetadata().getName(), container.getImage(),
                new ServingSettings.ModelIdentity(labels.get(LABEL_MODEL), labels.get(LABEL_MODEL_VERSION),
                        orEmpty(service.getMetadata().getAnnotations()).get(ANNOTATION_MODEL_SHA256)),
                new ServingSettings.Scaling(integer(annotations, "autoscaling.knative.dev/min-scale"),
                        integer(annotations, "autoscaling.knative.dev/max-scale"),
                        integer(annotations, "autoscaling.knative.dev/target"),
                        Optional.ofNullable(service.getSpec().getTemplate().getSpec().getContainerConcurrency())
                                .orElse(0L).intValue(),
                        integer(annotations, "autoscaling.knative.dev/initial-scale"),
                        annotations.get("autoscaling.knative.dev/scale-down-delay")),
                new ServingSettings.Resources(text(requests.get("cpu")), text(requests.get("memory")),
                        text(limits.get("cpu")), text(limits.get("memory"))),
                "cluster-local".equals(labels.get(VISIBILITY)),
                spread == null || spread.isEmpty() ? Optional.empty() : Optional.of(spread.get(0).getTopologyKey()),
                env);
    }

    private static <V> Map<String, V> orEmpty(Map<String, V> map) {
        return map == null ? Map.of() : map;
    }

    private static int integer(Map<String, String> annotations, String key) {
        return annotations.containsKey(key) ? Integer.parseInt(annotations.get(key)) : 0;
    }

    private static String text(Quantity quantity) {
        return quantity == null ? null : quantity.toString();
    }

    /** Prometheus' scrape annotations, as Quarkus' Micrometer support writes them. */
    private static Map<String, String> metricsAnnotations() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/path", "/q/metrics");
        annotations.put("prometheus.io/port", Integer.toString(HTTP_PORT));
        annotations.put("prometheus.io/scheme", "http");
        return annotations;
    }

    private static Container container(ServingSettings settings) {
        ServingSettings.Resources resources = settings.resources();
        return new ContainerBuilder()
                .withName(settings.function())
                .withImage(settings.image())
                .withImagePullPolicy("IfNotPresent")
                // JSON log lines in the cluster, where a log collector reads them.
                .addToEnv(new EnvVarBuilder().withName(JSON_LOG_VARIABLE).withValue("true").build())
                // The function stays unready when its image holds another model than the one declared.
                .addToEnv(new EnvVarBuilder().withName(EXPECTED_SHA256_VARIABLE).withValue(settings.model().sha256())
                        .build())
                .addAllToEnv(settings.env())
                .addNewPort().withContainerPort(HTTP_PORT).withName("http1").withProtocol("TCP").endPort()
                // Knative probes the queue-proxy's port itself: no port on the probes. A period of 0 lets the
                // queue-proxy probe readiness aggressively, the fastest path to the first request.
                .withLivenessProbe(probe("/q/health/live", 10))
                .withReadinessProbe(probe("/q/health/ready", 0))
                .withNewResources()
                .addToRequests("cpu", new Quantity(resources.requestsCpu()))
                .addToRequests("memory", new Quantity(resources.requestsMemory()))
                .addToLimits("cpu", new Quantity(resources.limitsCpu()))
                .addToLimits("memory", new Quantity(resources.limitsMemory()))
                .endResources()
                .withSecurityContext(restrictedSecurityContext())
                .build();
    }

    private static Probe probe(String path, int periodSeconds) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withScheme("HTTP").endHttpGet()
                .withInitialDelaySeconds(0)
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(10)
                .withSuccessThreshold(1)
                .withFailureThreshold(3)
                .build();
    }
}
