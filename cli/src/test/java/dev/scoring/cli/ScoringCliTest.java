package dev.scoring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.scoring.testing.KnativeMockCluster;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.TrafficTarget;

/**
 * The commands against an in-memory Kubernetes API (fabric8's mock in CRUD mode) with
 * {@link FakeKnativeController} standing in for Knative's controller.
 */
class ScoringCliTest {

    private static final String NS = "scoring-test";

    private KnativeMockCluster cluster;
    private FakeKnativeController controller;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startCluster() {
        cluster = KnativeMockCluster.start(NS);
        controller = new FakeKnativeController(cluster);
        controller.deploy("iris", "registry.local/scoring/iris:1.0.0", "1.0.0");
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void listShowsEachFunctionsReadyStateUrlLatestRevisionAndTraffic() {
        controller.deploy("wine", "registry.local/scoring/wine:1.0.0", "1.0.0");
        assertEquals(0, cli("list"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("NAME"), lines.get(0));
        assertEquals(List.of("iris", "True", "http://iris.scoring-test.example.com", "iris-00001", "iris-00001",
                "100%"), List.of(lines.get(1).split("\\s+")));
        assertTrue(lines.get(2).startsWith("wine "), lines.get(2));
    }

    @Test
    void listLeavesOutKnativeServicesThatAreNotScoringFunctions() {
        cluster.knative().services().inNamespace(NS).resource(new io.fabric8.knative.serving.v1.ServiceBuilder()
                .withNewMetadata().withName("other").endMetadata().build()).create();
        assertEquals(0, cli("list"));
        assertTrue(out.toString().contains("iris"));
        assertTrue(out.toString().lines().noneMatch(l -> l.startsWith("other")), out.toString());
    }

    @Test
    void rolloutMakesANamedRevisionWithTheNewImageAndSplitsTheTraffic() {
        assertEquals(0, cli("rollout", "iris", "--image", "registry.local/scoring/iris:2.0.0",
                "--model-version", "2.0.0", "--canary", "10"));
        Service iris = service("iris");
        var template = iris.getSpec().getTemplate();
        String revision = template.getMetadata().getName();
        assertTrue(revision.startsWith("iris-2-0-0-"), revision);
        assertEquals("registry.local/scoring/iris:2.0.0", template.getSpec().getContainers().get(0).getImage());
        assertEquals("2.0.0", template.getMetadata().getLabels().get(KnativeFunctions.MODEL_VERSION_LABEL));
        List<TrafficTarget> traffic = iris.getSpec().getTraffic();
        assertEquals(2, traffic.size());
        assertEquals("iris-00001", traffic.get(0).getRevisionName());
        assertEquals(90L, traffic.get(0).getPercent());
        assertNull(traffic.get(0).getTag());
        assertEquals(revision, traffic.get(1).getRevisionName());
        assertEquals(10L, traffic.get(1).getPercent());
        assertEquals("canary", traffic.get(1).getTag());
        assertTrue(out.toString().contains(revision), out.toString());

        controller.reconcile("iris");
        out.getBuffer().setLength(0);
        assertEquals(0, cli("list"));
        assertTrue(out.toString().contains("iris-00001 90%, " + revision
                + " 10% #canary http://canary-iris.scoring-test.example.com"), out.toString());
    }

    @Test
    void promoteSendsAllTrafficToTheLatestRevision() {
        cli("rollout", "iris", "--image", "registry.local/scoring/iris:2.0.0", "--canary", "10", "--tag", "v2");
        controller.reconcile("iris");
        String latest = service("iris").getStatus().getLatestReadyRevisionName();

        assertEquals(0, cli("promote", "iris"));
        List<TrafficTarget> traffic = service("iris").getSpec().getTraffic();
        assertEquals(1, traffic.size());
        assertEquals(Boolean.TRUE, traffic.get(0).getLatestRevision());
        assertEquals(100L, traffic.get(0).getPercent());
        assertTrue(out.toString().contains(latest), out.toString());
    }

    @Test
    void promoteRefusesARevisionThatIsNotReady() {
        cli("rollout", "iris", "--image", "registry.local/scoring/iris:broken", "--model-version", "3", "--canary", "5");
        String broken = service("iris").getSpec().getTemplate().getMetadata().getName();
        controller.failing.add(broken);
        controller.reconcile("iris");

        assertEquals(1, cli("promote", "iris"));
        assertTrue(err.toString().contains(broken + ") is not ready"), err.toString());
        assertEquals(95L, service("iris").getSpec().getTraffic().get(0).getPercent());
    }

    @Test
    void rollbackAfterAPromotionSendsAllTrafficToThePreviousRevision() {
        cli("rollout", "iris", "--image", "registry.local/scoring/iris:2.0.0", "--canary", "50");
        controller.reconcile("iris");
        cli("promote", "iris");
        controller.reconcile("iris");

        assertEquals(0, cli("rollback", "iris"));
        List<TrafficTarget> traffic = service("iris").getSpec().getTraffic();
        assertEquals(1, traffic.size());
        assertEquals("iris-00001", traffic.get(0).getRevisionName());
        assertEquals(100L, traffic.get(0).getPercent());
        assertEquals(Boolean.FALSE, traffic.get(0).getLatestRevision());
    }

    @Test
    void rollbackDuringACanaryEndsIt() {
        cli("rollout", "iris", "--image", "registry.local/scoring/iris:2.0.0", "--canary", "20");
        controller.reconcile("iris");
        assertEquals(0, cli("rollback", "iris"));
        assertEquals(List.of("iris-00001"), service("iris").getSpec().getTraffic().stream()
                .map(TrafficTarget::getRevisionName).toList());
    }

    @Test
    void rollbackWithOnlyOneRevisionFails() {
        assertEquals(1, cli("rollback", "iris"));
        assertTrue(err.toString().contains("nothing to roll back to"), err.toString());
    }

    @Test
    void anUnknownFunctionIsNotFoundWithExitCode3() {
        assertEquals(3, cli("promote", "nope"));
        assertEquals("error: function 'nope' not found in namespace scoring-test", err.toString().strip());
        assertEquals(3, cli("rollout", "nope", "--image", "x", "--canary", "10"));
    }

    @Test
    void aCanaryPercentOutsideZeroToHundredIsBadUsage() {
        assertEquals(2, cli("rollout", "iris", "--image", "x", "--canary", "150"));
        assertTrue(err.toString().contains("--canary must be a percentage from 0 to 100, not 150"), err.toString());
        assertEquals(2, cli("rollout", "iris", "--image", "x", "--canary", "-1"));
        assertEquals(2, cli("rollout", "iris", "--image", "x", "--canary", "ten"));
        assertEquals(2, cli("rollout", "iris", "--canary", "10"));
        Service unchanged = service("iris");
        assertTrue(unchanged.getSpec().getTraffic() == null || unchanged.getSpec().getTraffic().isEmpty(),
                "no traffic split");
        assertEquals("registry.local/scoring/iris:1.0.0",
                unchanged.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    @Test
    void theNamespaceOptionSelectsAnotherNamespace() {
        assertEquals(0, cli("list", "-n", "elsewhere"));
        assertEquals("No scoring functions in namespace elsewhere.", out.toString().strip());
    }

    @Test
    void theRealEntryPointUsesTheCurrentKubeContext() {
        System.setProperty("kubeconfig", cluster.kubeconfig().toString());
        try {
            assertEquals(0, ScoringCli.run(new String[] { "list" }, new PrintWriter(out), new PrintWriter(err)));
            assertTrue(out.toString().contains("http://iris.scoring-test.example.com"), out + " / " + err);
        } finally {
            System.clearProperty("kubeconfig");
        }
    }

    @Test
    void anUnreachableClusterIsOneErrorLineAndExitCode1() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var config = cluster.kubeconfig();
        java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config)
                .replaceAll("server: .*", "server: http://127.0.0.1:" + port));
        System.setProperty("kubeconfig", config.toString());
        try {
            assertEquals(1, ScoringCli.run(new String[] { "list" }, new PrintWriter(out), new PrintWriter(err)));
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("error: cannot reach the Kubernetes API at http://127.0.0.1:" + port),
                    err.toString());
        } finally {
            System.clearProperty("kubeconfig");
        }
    }

    private int cli(String... args) {
        return ScoringCli.execute(ns -> new KnativeFunctions(cluster.knative(), ns == null ? NS : ns),
                cluster.url(), args, new PrintWriter(out), new PrintWriter(err));
    }

    private Service service(String name) {
        return cluster.knative().services().inNamespace(NS).withName(name).get();
    }
}
