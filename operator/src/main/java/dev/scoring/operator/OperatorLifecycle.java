package dev.scoring.operator;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Starts the operator with the application and stops it, finishing reconciles under way, on shutdown. */
@ApplicationScoped
public class OperatorLifecycle {

    private static final Logger LOG = Logger.getLogger(OperatorLifecycle.class);

    private final KubernetesClient client;
    private final OperatorConfig config;
    private volatile Operator operator;

    OperatorLifecycle(KubernetesClient client, OperatorConfig config) {
        this.client = client;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        // In a pod: the service account's namespace; elsewhere the kubeconfig context's.
        String namespace = client.getNamespace();
        if (namespace == null) {
            throw new IllegalStateException("The operator does not know its namespace: run it in a pod, or give the"
                    + " kubeconfig context a namespace");
        }
        Set<String> namespaces = config.namespaces().orElse(Set.of(namespace));
        Optional<String> lease = config.leaderElection().enabled()
                ? Optional.of(config.leaderElection().leaseName())
                : Optional.empty();
        operator = ScoringOperator.create(client,
                new ScoringOperator.Settings(namespaces, lease, namespace, config.reconcileThreads()),
                Clock.systemUTC());
        operator.start();
        LOG.infof("Reconciling ScoringFunctions in %s%s", namespaces,
                lease.map(l -> ", leader elected through Lease " + namespace + "/" + l).orElse(""));
    }

    void stop(@Observes ShutdownEvent event) {
        if (operator != null) {
            operator.stop();
        }
    }

    /** Whether the operator started: its informers synced, or it waits for the leader's lease. */
    boolean started() {
        return operator != null && operator.getRuntimeInfo().isStarted();
    }
}
