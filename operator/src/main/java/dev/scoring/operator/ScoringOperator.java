package dev.scoring.operator;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;

/**
 * The Java Operator SDK's operator with the ScoringFunction controller registered, configured the same way in the
 * operator's application and in the tests that run it against an API server in memory.
 */
public final class ScoringOperator {

    /**
     * @param namespaces whose ScoringFunctions are reconciled
     * @param leaseName the Lease that elects one active replica; empty: no leader election (a single replica)
     * @param leaseNamespace where that Lease lives (the operator's namespace)
     * @param reconcileThreads ScoringFunctions reconciled at once
     */
    public record Settings(Set<String> namespaces, Optional<String> leaseName, String leaseNamespace,
            int reconcileThreads) {
    }

    private ScoringOperator() {
    }

    /** An operator ready to {@link Operator#start() start}; it does not close {@code client} when it stops. */
    public static Operator create(KubernetesClient client, Settings settings, Clock clock) {
        Operator operator = new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    // Writes are plain creates and updates guarded by resource versions, with a subset match to
                    // tell drift from values the cluster added: no server-side apply, which the API server the
                    // tests run against does not offer.
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    // A cluster without Knative's Kafka extension has no KafkaSource kind: its informer keeps
                    // retrying, and the ScoringFunctions that need no Kafka are served meanwhile.
                    .withStopOnInformerErrorDuringStartup(false)
                    .withConcurrentReconciliationThreads(settings.reconcileThreads());
            settings.leaseName().ifPresent(lease -> overrider.withLeaderElectionConfiguration(
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(lease)
                            .withLeaseNamespace(settings.leaseNamespace())
                            .build()));
        });
        operator.register(new ScoringFunctionReconciler(clock),
                controller -> controller.settingNamespaces(settings.namespaces()));
        return operator;
    }
}
