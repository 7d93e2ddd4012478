package dev.scoring.deployment;

import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

/**
 * Funqy's Knative Events mapping, read by the scoring extension's own binding: which CloudEvent type goes
 * to which function. The keys are Funqy's ({@code quarkus.funqy.knative-events.mapping.<function>.trigger}),
 * so a function's configuration reads as any Funqy application's. Read at build time: the build routes each
 * type to its function and writes the Triggers from the same types (see {@code scoring.events}).
 */
@ConfigMapping(prefix = "quarkus.funqy.knative-events")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface FunqyEventMappingConfig {

    /**
     * Per function name, how events reach it.
     */
    Map<String, FunctionMapping> mapping();

    interface FunctionMapping {

        /**
         * The CloudEvent type routed to the function; without one, the function's name.
         */
        Optional<String> trigger();
    }
}
