package dev.scoring.deployment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.quarkus.deployment.IsNormalNotRemoteDev;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Produce;
import io.quarkus.deployment.pkg.builditem.ArtifactResultBuildItem;
import io.quarkus.kubernetes.client.spi.KubernetesClientBuildItem;
import io.quarkus.kubernetes.deployment.KubernetesConfigUtil;

/**
 * With {@code quarkus.kubernetes.deploy=true}, makes sure the API server of the current kube
 * context can be reached before anything is built, and otherwise fails the build with one line
 * that says which server and why. Quarkus itself finds out only when it deploys, at the end of
 * the build, and reports it with the client's whole stack trace.
 * <p>
 * Only reachability is checked (a TCP connection to the server's address); whether the cluster
 * accepts the credentials and has Knative is left to Quarkus' deployer, which says so clearly.
 */
class ClusterReachabilityCheck {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    /**
     * Ordered before the application's artifact exists, which Quarkus' deploy step waits for: a
     * failure here stops the build before the jar, the manifests and the deploy step.
     */
    @BuildStep(onlyIf = IsNormalNotRemoteDev.class)
    @Produce(ArtifactResultBuildItem.class)
    void failFastWithoutACluster(KubernetesClientBuildItem kubernetesClient) {
        if (!KubernetesConfigUtil.isDeploymentEnabled()) {
            return;
        }
        Config config = kubernetesClient.getConfig();
        Optional<String> unreachable = unreachableReason(config.getMasterUrl());
        if (unreachable.isPresent()) {
            throw new ClusterUnreachableException("Cannot deploy (quarkus.kubernetes.deploy=true): no Kubernetes API server"
                    + " reachable at " + config.getMasterUrl() + " (" + describeContext(config) + "): "
                    + unreachable.get() + ". Point the current kube context at a running cluster"
                    + " (kubectl cluster-info) or build without -Dquarkus.kubernetes.deploy=true.");
        }
    }

    /** Empty when a TCP connection to the server's host and port succeeds, else why it failed. */
    static Optional<String> unreachableReason(String masterUrl) {
        URI uri;
        try {
            uri = URI.create(masterUrl);
        } catch (IllegalArgumentException e) {
            return Optional.of("not a URL");
        }
        if (uri.getHost() == null) {
            return Optional.of("not a URL with a host");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : ("http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), port);
        if (address.isUnresolved()) {
            return Optional.of("unknown host " + uri.getHost());
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static String describeContext(Config config) {
        NamedContext context = config.getCurrentContext();
        String file = config.getFile() == null ? null : config.getFile().getPath();
        if (context == null) {
            return file == null ? "no kubeconfig found: set KUBECONFIG or create ~/.kube/config"
                    : "no current context in " + file;
        }
        return "kube context '" + context.getName() + "'" + (file == null ? "" : " from " + file);
    }

    /**
     * Without a stack trace: Quarkus prints a failed build step's exception with its trace, and this
     * one's message is all there is to say.
     */
    static final class ClusterUnreachableException extends RuntimeException {
        ClusterUnreachableException(String message) {
            super(message, null, false, false);
        }
    }
}
