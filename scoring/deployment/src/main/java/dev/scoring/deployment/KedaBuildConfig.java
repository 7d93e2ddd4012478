package dev.scoring.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Build-time configuration of the KEDA ScaledObject generated for a function that consumes its
 * Kafka topics itself (not through Knative Eventing) and runs as a Deployment: KEDA scales it on
 * the consumer group's lag, down to zero.
 */
@ConfigMapping(prefix = "scoring-knative.keda")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface KedaBuildConfig {

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
    String offsetResetPolicy();
}
