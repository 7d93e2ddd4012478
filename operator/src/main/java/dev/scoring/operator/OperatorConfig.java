package dev.scoring.operator;

import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operator's settings ({@code scoring.operator.*}); docs/operator.md lists them. */
@ConfigMapping(prefix = "scoring.operator")
public interface OperatorConfig {

    /**
     * Namespaces whose ScoringFunctions are reconciled; default: the operator's own namespace, the only one its
     * generated Role grants access to.
     */
    Optional<Set<String>> namespaces();

    /** How many ScoringFunctions are reconciled at once. */
    @WithDefault("10")
    int reconcileThreads();

    LeaderElection leaderElection();

    interface LeaderElection {

        /** Elect one active replica through a Lease, so that several replicas can run for availability. */
        @WithDefault("true")
        boolean enabled();

        /** The Lease's name, in the operator's namespace. */
        @WithDefault("scoring-operator")
        String leaseName();
    }
}
