package dev.scoring.deployment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.scoring.manifests.BackoffPolicy;
import dev.scoring.manifests.DeliveryOrder;
import dev.scoring.runtime.ScoringConfig;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The extension's one build-time configuration root: the Knative Service it completes, the Eventing
 * resources and the KEDA ScaledObject it generates. It lives in the deployment module because only the
 * build reads it; nothing here can change at run time. Closed sets are enums and durations are
 * {@link Duration}s, so a wrong value fails the build with SmallRye Config's own message naming the key.
 */
@ConfigMapping(prefix = "scoring-knative")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface ScoringBuildConfig {

    /**
     * Whether the container gets a startup probe on {@code /q/health/started} (Knative Serving
     * 1.15 or later). Off by default: until a startup probe passes the kubelet holds readiness back, and
     * the kubelet probes once per period (at best a second), while without one Knative's queue-proxy
     * polls readiness every 50 ms from the container's start; the startup probe would add up to a
     * period to every cold start. Switch it on for a model that takes longer to load than the liveness
     * probe allows (3 failures 10 s apart).
     */
    @WithDefault("false")
    boolean startupProbe();

    /**
     * Seconds between start-up probes.
     */
    @WithDefault("1")
    int startupProbePeriod();

    /**
     * Failed start-up probes before the container is restarted: with the period, the time a
     * function has to load its model.
     */
    @WithDefault("60")
    int startupProbeFailureThreshold();

    /**
     * Revisions started when a revision is created ({@code autoscaling.knative.dev/initial-scale}); 0
     * needs the cluster to allow zero initial scale.
     */
    @WithDefault("1")
    int initialScale();

    /**
     * How long the last instance is kept after traffic stops ({@code autoscaling.knative.dev/scale-down-delay}):
     * a trade of idle cost against cold starts for bursty traffic.
     */
    @WithDefault("0s")
    Duration scaleDownDelay();

    /**
     * Spread a function's instances across failure domains: {@code zone}
     * ({@code topology.kubernetes.io/zone}), {@code node} ({@code kubernetes.io/hostname}) or
     * {@code none}. Knative accepts topology spread constraints only with the feature flag
     * {@code kubernetes.podspec-topologyspreadconstraints} enabled in {@code config-features}, so the
     * default is {@code none}.
     */
    @WithDefault("none")
    TopologySpread topologySpread();

    /** Where a function's instances are spread, and the node label that says it. */
    enum TopologySpread {
        ZONE("topology.kubernetes.io/zone"),
        NODE("kubernetes.io/hostname"),
        NONE(null);

        private final String topologyKey;

        TopologySpread(String topologyKey) {
            this.topologyKey = topologyKey;
        }

        /** @return the node label to spread over, or {@code null} for {@link #NONE} */
        String topologyKey() {
            return topologyKey;
        }
    }

    /**
     * Knative Eventing resources generated with the function.
     */
    EventingConfig eventing();

    /**
     * The NetworkPolicy generated with the function (docs/security.md).
     */
    NetworkPolicyConfig networkPolicy();

    interface NetworkPolicyConfig {
        /**
         * Generate a NetworkPolicy that admits only Knative's data plane (and the metrics scraper) to the
         * function's pods.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Namespaces of Knative Serving's activator and of the ingress gateways (Kourier's, Istio's): every
         * request to a Knative Service reaches its pods through them.
         */
        @WithDefault("knative-serving,kourier-system,istio-system")
        List<String> servingNamespaces();

        /**
         * Namespaces of the eventing data plane (Broker filter, Kafka dispatchers), which calls pods directly
         * in a service mesh.
         */
        @WithDefault("knative-eventing")
        List<String> eventingNamespaces();

        /**
         * Namespaces whose pods may scrape {@code /q/metrics} on the container port (e.g. {@code monitoring});
         * none by default.
         */
        Optional<List<String>> scraperNamespaces();

        /**
         * The container port the scraper may reach.
         */
        @WithDefault("8080")
        int metricsPort();

        /**
         * The namespace label the policy selects namespaces by; Kubernetes sets
         * {@code kubernetes.io/metadata.name} on every namespace (1.21 and later).
         */
        @WithDefault("kubernetes.io/metadata.name")
        String namespaceLabel();
    }

    /**
     * The container of a native build ({@code -Dnative}): sized for the native executable, whose
     * resident memory is a fraction of the JVM's (docs/native.md has the measurements).
     */
    @WithName("native")
    NativeConfig nativeImage();

    interface NativeConfig {
        /**
         * Memory request of a native function's container: what the scheduler reserves per instance.
         */
        @WithDefault("128Mi")
        String memoryRequest();

        /**
         * Memory limit of a native function's container.
         */
        @WithDefault("192Mi")
        String memoryLimit();

        /**
         * Maximum Java heap of the native executable ({@code -Xmx}), set in the image's entrypoint
         * ({@code quarkus.jib.native-arguments} in the extension's defaults repeats this default). An
         * executable built by GraalVM sizes its heap from the container's limit; one linked by this
         * project's build tool does not read container limits, so the cap is explicit. Keep it well
         * below {@code memory-limit}: the image heap, code and thread stacks come on top.
         */
        @WithDefault("80m")
        String maxHeap();
    }

    interface EventingConfig {
        /**
         * Generate the function's Triggers (and Kafka resources when topics are set) into
         * {@code knative.yml}.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The Broker the Triggers subscribe to, in the function's namespace.
         */
        @WithDefault("default")
        String broker();

        /**
         * Delivery attempts after the first, per event, before the dead-letter sink. With the default backoff
         * (1 s, doubling) the last attempt comes 31 s after the first failure: longer than a JVM function's cold
         * start on a busy node, so an event refused while instances are added (the activator's 503 when its
         * queue is full in a burst) is not dead-lettered.
         */
        @WithDefault("5")
        int retry();

        /**
         * {@code exponential} or {@code linear}: how the delay between retries grows.
         */
        @WithDefault("exponential")
        BackoffPolicy backoffPolicy();

        /**
         * The first backoff ({@code 500ms}, {@code PT0.5S}); written as an ISO-8601 duration, as Knative wants it.
         */
        @WithDefault("PT1S")
        Duration backoffDelay();

        /**
         * Delivery order of the Triggers that carry Kafka records: the KafkaSource's records to the function
         * ({@code <name>-kafka}) and the scored events to the results KafkaSink ({@code <name>-results}).
         * {@code ordered}: a Kafka Broker delivers the next event of a partition only after the previous one
         * was answered, so results keep the order of their key; {@code unordered}: events of a partition are
         * delivered concurrently, for throughput, and results of one key may change order. Written as the
         * Trigger annotation {@code kafka.eventing.knative.dev/delivery.order}, which only Knative's Kafka
         * Broker reads. The request and explanation Triggers stay unordered: their events come from
         * independent senders and have no order to keep.
         */
        @WithDefault("ordered")
        DeliveryOrder kafkaDeliveryOrder();

        /**
         * Name of the KafkaSink (in the namespace, see knative/namespace/) that receives events whose
         * delivery failed every retry.
         */
        @WithDefault("scoring-dead-letters")
        String deadLetterSink();

        /**
         * Kafka bootstrap servers for the KafkaSource and KafkaSink.
         */
        @WithDefault("my-cluster-kafka-bootstrap.kafka:9092")
        java.util.List<String> kafkaBootstrapServers();

        /**
         * Knative Eventing's OIDC authentication: the Triggers that deliver to the function ask for a token
         * with the function's audience ({@code spec.subscriber.audience}, {@code
         * serving.knative.dev/service/<namespace>/<name>}), and the function verifies it
         * ({@code scoring.auth.eventing.*}, set on its container), accepting only its own Triggers' service
         * accounts. Needs the namespace at build time ({@code quarkus.knative.namespace}) and
         * {@code scoring.auth.enabled=true} in the function, built with {@code quarkus.oidc.enabled=true}
         * (docs/security.md "Authenticated event delivery").
         */
        @WithDefault("false")
        boolean oidc();

        /**
         * Topics whose records the function scores, through a KafkaSource; none by default.
         */
        java.util.Optional<java.util.List<String>> inputTopics();

        /**
         * Topic the scored events are written to, through a KafkaSink; none by default.
         */
        java.util.Optional<String> resultsTopic();
    }

    /**
     * How the function and its generated Kafka resources (KafkaSource, KafkaSink, the direct path) reach
     * a Kafka cluster that requires TLS or authentication (docs/security.md "Kafka credentials").
     */
    KafkaConfig kafka();

    interface KafkaConfig {
        /**
         * Kafka's {@code security.protocol} for the generated KafkaSource and the function's direct path:
         * {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}. The KafkaSink reads
         * it from the Secret's {@code protocol} key, which must say the same.
         */
        @WithDefault("PLAINTEXT")
        ScoringConfig.KafkaConfig.SecurityProtocol securityProtocol();

        /**
         * Name of a Secret in Knative's Kafka format (keys {@code protocol}, {@code sasl.mechanism},
         * {@code user}, {@code password}, {@code ca.crt}) in the function's namespace. The function's
         * container takes its Kafka credentials from it as environment variables, the KafkaSource by
         * {@code secretKeyRef} and the KafkaSinks by name; nothing secret is written into a manifest.
         * Required by the SASL protocols.
         */
        Optional<String> credentialsSecret();
    }

    /**
     * The KEDA ScaledObject generated for a function that consumes its Kafka topics itself (not through
     * Knative Eventing) and runs as a Deployment: KEDA scales it on the consumer group's lag, down to zero.
     */
    KedaConfig keda();

    interface KedaConfig {
        /**
         * Generate a {@code keda.sh/v1alpha1} ScaledObject into {@code kubernetes.yml}. Needs the
         * {@code kubernetes} deployment target ({@code quarkus.kubernetes.deployment-target}) and
         * {@code scoring-knative.eventing.input-topics}.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * Target lag per replica: KEDA runs about {@code total lag / lag-threshold} replicas.
         */
        @WithDefault("10")
        long lagThreshold();

        /**
         * Lag above which KEDA wakes the function from zero replicas.
         */
        @WithDefault("0")
        long activationLagThreshold();

        /**
         * Most replicas; more than the topics' partitions only adds idle consumers.
         */
        @WithDefault("5")
        int maxReplicas();

        /**
         * Seconds between KEDA's lag checks.
         */
        @WithDefault("30")
        int pollingInterval();

        /**
         * Seconds without lag before the function is scaled back to zero.
         */
        @WithDefault("300")
        int cooldownPeriod();

        /**
         * {@code latest} or {@code earliest}: how KEDA counts lag on a partition where the group has no
         * committed offset yet. Match the function's consumer ({@code auto.offset.reset}, {@code earliest}
         * on the direct path, so that records produced before the first start are not skipped).
         */
        @WithDefault("earliest")
        OffsetResetPolicy offsetResetPolicy();
    }

    /** How KEDA counts lag on a partition where the consumer group has no committed offset yet. */
    enum OffsetResetPolicy {
        LATEST,
        EARLIEST;

        /** The value KEDA's Kafka scaler takes. */
        String kedaName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
