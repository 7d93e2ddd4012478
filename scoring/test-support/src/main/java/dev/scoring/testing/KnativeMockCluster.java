package dev.scoring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

/**
 * A Kubernetes API server in memory (fabric8's mock server in CRUD mode) that looks like a cluster
 * with Knative Serving, Knative Eventing with the Kafka extensions, and KEDA installed: it answers
 * API discovery ({@code /apis} and each group version) for their kinds, as clients such as Quarkus'
 * deployer ask before they apply custom resources, and stores whatever is created. There is no
 * controller behind it: a test that needs a status sets it itself. It also has the scoring operator's
 * ScoringFunction kind, and answers a SelfSubjectRulesReview with everything allowed, as for a cluster
 * administrator (the operator's leader election asks before it takes a Lease).
 * <p>
 * {@link #kubeconfig()} is a kubeconfig file whose current context points at it, with
 * {@link #namespace()} as the context's namespace: what {@code KUBECONFIG} or the {@code kubeconfig}
 * system property would name.
 */
public final class KnativeMockCluster implements AutoCloseable {

    /** A kind the cluster knows: its group, version, kind and plural, all namespaced. */
    private record Kind(String group, String version, String kind, String plural) {
        String groupVersion() {
            return group + "/" + version;
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("serving.knative.dev", "v1", "Service", "services"),
            new Kind("serving.knative.dev", "v1", "Revision", "revisions"),
            new Kind("serving.knative.dev", "v1", "Configuration", "configurations"),
            new Kind("serving.knative.dev", "v1", "Route", "routes"),
            new Kind("eventing.knative.dev", "v1", "Trigger", "triggers"),
            new Kind("eventing.knative.dev", "v1", "Broker", "brokers"),
            new Kind("eventing.knative.dev", "v1alpha1", "KafkaSink", "kafkasinks"),
            new Kind("sources.knative.dev", "v1", "SinkBinding", "sinkbindings"),
            new Kind("sources.knative.dev", "v1beta1", "KafkaSource", "kafkasources"),
            new Kind("keda.sh", "v1alpha1", "ScaledObject", "scaledobjects"),
            new Kind("scoring.dev", "v1alpha1", "ScoringFunction", "scoringfunctions"));

    private final KubernetesMockServer server;
    private final String namespace;
    private final Path kubeconfig;
    private final KubernetesClient client;

    private KnativeMockCluster(KubernetesMockServer server, String namespace, Path kubeconfig) {
        this.server = server;
        this.namespace = namespace;
        this.kubeconfig = kubeconfig;
        this.client = new KubernetesClientBuilder().withConfig(clientConfig()).build();
    }

    /**
     * Starts a cluster on a free port of 127.0.0.1 whose kubeconfig context uses {@code namespace}. Its custom
     * resources have no status subresource: a client may write a status with an ordinary update.
     */
    public static KnativeMockCluster start(String namespace) {
        return start(namespace, false);
    }

    /**
     * A cluster whose custom resources have a status subresource, as a real API server's Knative and
     * ScoringFunction CRDs do: an update leaves the status alone, only a write to {@code /status} changes it.
     */
    public static KnativeMockCluster startWithStatusSubresources(String namespace) {
        return start(namespace, true);
    }

    private static KnativeMockCluster start(String namespace, boolean statusSubresources) {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        List<CustomResourceDefinitionContext> contexts = KINDS.stream()
                .map(k -> new CustomResourceDefinitionContext.Builder()
                        .withGroup(k.group()).withVersion(k.version()).withKind(k.kind())
                        .withPlural(k.plural()).withScope("Namespaced").withStatusSubresource(statusSubresources).build())
                .toList();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations, contexts), false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
            expectDiscovery(server);
            Path kubeconfig = Files.createTempFile("kubeconfig-", ".yaml");
            Files.writeString(kubeconfig, kubeconfigYaml(url(server), namespace));
            kubeconfig.toFile().deleteOnExit();
            return new KnativeMockCluster(server, namespace, kubeconfig);
        } catch (IOException e) {
            server.destroy();
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Discovery answers a real API server gives. They are fixed expectations rather than left to the
     * CRUD store, which answers a group version's path with the stored objects once there are any.
     */
    private static void expectDiscovery(KubernetesMockServer server) {
        Map<String, List<Kind>> byGroupVersion = new LinkedHashMap<>();
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        for (Kind kind : KINDS) {
            byGroupVersion.computeIfAbsent(kind.groupVersion(), gv -> new ArrayList<>()).add(kind);
            List<String> versions = versionsByGroup.computeIfAbsent(kind.group(), g -> new ArrayList<>());
            if (!versions.contains(kind.version())) {
                versions.add(kind.version());
            }
        }
        APIGroupListBuilder groups = new APIGroupListBuilder();
        versionsByGroup.forEach((group, versions) -> {
            APIGroupBuilder apiGroup = new APIGroupBuilder().withName(group);
            versions.forEach(v -> apiGroup.addToVersions(new GroupVersionForDiscoveryBuilder()
                    .withGroupVersion(group + "/" + v).withVersion(v).build()));
            apiGroup.withPreferredVersion(new GroupVersionForDiscoveryBuilder()
                    .withGroupVersion(group + "/" + versions.get(0)).withVersion(versions.get(0)).build());
            groups.addToGroups(apiGroup.build());
        });
        server.expect().get().withPath("/apis").andReturn(200, groups.build()).always();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder()
                        .withNewStatus().withIncomplete(false)
                        .addNewResourceRule().withApiGroups("*").withResources("*").withVerbs("*").endResourceRule()
                        .endStatus()
                        .build())
                .always();
        byGroupVersion.forEach((groupVersion, kinds) -> {
            APIResourceListBuilder resources = new APIResourceListBuilder().withGroupVersion(groupVersion);
            kinds.forEach(k -> resources.addToResources(new APIResourceBuilder().withKind(k.kind())
                    .withName(k.plural()).withNamespaced(true)
                    .withVerbs("create", "delete", "get", "list", "patch", "update", "watch").build()));
            server.expect().get().withPath("/apis/" + groupVersion).andReturn(200, resources.build()).always();
        });
    }

    private static String kubeconfigYaml(String url, String namespace) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: knative-mock
                  cluster:
                    server: %s
                contexts:
                - name: knative-mock
                  context:
                    cluster: knative-mock
                    namespace: %s
                    user: knative-mock
                current-context: knative-mock
                users:
                - name: knative-mock
                  user:
                    token: knative-mock-token
                """.formatted(url, namespace);
    }

    private Config clientConfig() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace(namespace)
                .withOauthToken("knative-mock-token")
                .withRequestRetryBackoffLimit(0)
                .build();
    }

    /** The API server's URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return url(server);
    }

    /** By address, not "localhost", which may resolve to an IPv6 address the server does not listen on. */
    private static String url(KubernetesMockServer server) {
        return "http://127.0.0.1:" + server.getPort();
    }

    public String namespace() {
        return namespace;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** A client of this cluster, in {@link #namespace()}. */
    public KubernetesClient kubernetes() {
        return client;
    }

    public KnativeClient knative() {
        return client.adapt(KnativeClient.class);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
        try {
            Files.deleteIfExists(kubeconfig);
        } catch (IOException e) {
            // A temporary file, also removed on exit.
        }
    }
}
