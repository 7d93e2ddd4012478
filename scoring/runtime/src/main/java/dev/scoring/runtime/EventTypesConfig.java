package dev.scoring.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The CloudEvent types and source of a function. Fixed at build time: the build writes the function's
 * Triggers from them, so a value changed only at run time would split what the Triggers deliver from
 * what the function accepts; Quarkus warns at start-up when a run-time value differs and keeps the
 * built one. Defaults that depend on the function's name live in the extension's
 * {@code META-INF/microprofile-config.properties}.
 */
@ConfigMapping(prefix = "scoring.events")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface EventTypesConfig {

    /**
     * CloudEvent type of a scoring request; the Broker Trigger of the function filters on it.
     */
    String requestType();

    /**
     * CloudEvent type of the scored reply.
     */
    String responseType();

    /**
     * CloudEvent source of the scored reply.
     */
    String responseSource();

    /**
     * CloudEvent type of an explanation request.
     */
    String explainType();

    /**
     * CloudEvent type of the explanation reply.
     */
    String explanationType();

    /**
     * CloudEvent type that Knative's KafkaSource gives to every record it delivers.
     */
    @WithDefault("dev.knative.kafka.event")
    String kafkaType();
}
