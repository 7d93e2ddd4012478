package dev.scoring.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Build-time configuration of the Knative Service the extension completes.
 */
@ConfigMapping(prefix = "scoring-knative")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface ScoringBuildConfig {

    /**
     * Whether the container gets a startup probe on {@code /q/health/started} (Knative Serving
     * 1.15 or later). Knative then leaves probing to the kubelet instead of its queue-proxy's fast
     * readiness polling, which can add up to a probe period to every cold start; switch it off for
     * functions where cold-start latency matters more than a separate start-up signal.
     */
    @WithDefault("true")
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
    String scaleDownDelay();

    /**
     * Spread a function's instances across failure domains: {@code zone}
     * ({@code topology.kubernetes.io/zone}), {@code node} ({@code kubernetes.io/hostname}) or
     * {@code none}. Knative accepts topology spread constraints only with the feature flag
     * {@code kubernetes.podspec-topologyspreadconstraints} enabled in {@code config-features}, so the
     * default is {@code none}.
     */
    @WithDefault("none")
    String topologySpread();

    /**
     * Knative Eventing resources generated with the function.
     */
    EventingConfig eventing();

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
         * Delivery attempts after the first, per event, before the dead-letter sink.
         */
        @WithDefault("3")
        int retry();

        /**
         * {@code exponential} or {@code linear}.
         */
        @WithDefault("exponential")
        String backoffPolicy();

        /**
         * ISO-8601 duration of the first backoff.
         */
        @WithDefault("PT0.5S")
        String backoffDelay();

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
         * Topics whose records the function scores, through a KafkaSource; none by default.
         */
        java.util.Optional<java.util.List<String>> inputTopics();

        /**
         * Topic the scored events are written to, through a KafkaSink; none by default.
         */
        java.util.Optional<String> resultsTopic();
    }
}
