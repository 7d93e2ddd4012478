package dev.scoring.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Build-time configuration of the Knative Service the extension completes.
 */
@ConfigMapping(prefix = "scoring.knative")
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
}
