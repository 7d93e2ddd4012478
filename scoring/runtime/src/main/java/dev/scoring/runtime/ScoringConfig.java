package dev.scoring.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Run-time configuration of a scoring function. Defaults that depend on the function's name live in
 * the extension's {@code META-INF/microprofile-config.properties}; a function overrides any key in
 * its own {@code application.properties}.
 */
@ConfigMapping(prefix = "scoring")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface ScoringConfig {

    /**
     * Where the model is loaded from.
     */
    ModelConfig model();

    /**
     * Request limits.
     */
    LimitsConfig limits();

    /**
     * CloudEvent types and source.
     */
    EventsConfig events();

    /**
     * Drift detection.
     */
    DriftConfig drift();

    interface DriftConfig {
        /**
         * Number of most recent scored rows the drift gauges compare with the training distribution.
         */
        @WithDefault("500")
        int window();
    }

    interface ModelConfig {
        /**
         * Directory holding {@code descriptor.json} and the model file it names: {@code classpath:<dir>}
         * for a model packaged in the function (the default), or a file-system path for a mounted one.
         */
        @WithDefault("classpath:model")
        String location();
    }

    interface LimitsConfig {
        /**
         * Largest number of rows in one batch request; larger batches get HTTP 413.
         */
        @WithDefault("1000")
        int maxBatchSize();

        /**
         * Largest request body; larger bodies get HTTP 413. Also applied as
         * {@code quarkus.http.limits.max-body-size}.
         */
        @WithDefault("1M")
        MemorySize maxBodySize();
    }

    interface EventsConfig {
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
         * CloudEvent type that Knative's KafkaSource gives to every record it delivers.
         */
        @WithDefault("dev.knative.kafka.event")
        String kafkaType();
    }
}
