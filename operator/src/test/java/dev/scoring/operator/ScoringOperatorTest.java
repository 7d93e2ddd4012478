package dev.scoring.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.scoring.manifests.scoringfunction.ScoringFunction;
import dev.scoring.manifests.scoringfunction.ScoringFunctionStatus;
import dev.scoring.testing.KnativeMockCluster;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;

/**
 * The operator against a Kubernetes API server in memory (fabric8's mock server in CRUD mode, with watches): there
 * is no cluster here, so no Knative controller either; {@link FakeKnative} says what Knative would.
 */
class ScoringOperatorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private KnativeMockCluster cluster;
    private KubernetesClient client;
    private FakeKnative knative;
    private Operator operator;

    /** The operator SDK's debug lines (one fails to describe a generic informer) would bury the tests' output. */
    @BeforeAll
    static void quietOperatorSdk() {
        java.util.logging.Logger.getLogger("io.javaoperatorsdk").setLevel(java.util.logging.Level.INFO);
    }

    @BeforeEach
    void start() {
        cluster = KnativeMockCluster.startWithStatusSubresources("models");
        client = cluster.kubernetes();
        knative = new FakeKnative(client);
        operator = startOperator(Optional.empty());
    }

    @AfterEach
    void stop() {
        operator.stop();
        cluster.close();
    }

    private Operator startOperator(Optional<String> lease) {
        Operator started = ScoringOperator.create(client,
                new ScoringOperator.Settings(Set.of("models"), lease, "models", 4), Clock.systemUTC());
        started.start();
        return started;
    }

    @Test
    void aScoringFunctionBecomesTheBuildsResourcesOwnedByIt() throws Exception {
        ScoringFunction iris = client.resource(iris()).create();
        await().atMost(WAIT).until(() -> eventing("Trigger").size() == 4);
        Service service = service("iris");
        assertOwnedBy(iris, service);
        assertOwnedBy(iris, networkPolicy("iris"));
        for (String kind : List.of("Trigger", "SinkBinding", "KafkaSource", "KafkaSink")) {
            eventing(kind).forEach(r -> assertOwnedBy(iris, r));
        }
        assertEquals(List.of("iris-explain", "iris-kafka", "iris-requests", "iris-results"),
                eventing("Trigger").stream().map(r -> r.getMetadata().getName()).sorted().toList());
        assertEquals("5", service.getSpec().getTemplate().getMetadata().getAnnotations()
                .get("autoscaling.knative.dev/max-scale"));
        String revision = service.getSpec().getTemplate().getMetadata().getName();
        assertTrue(revision.matches("iris-[0-9a-f]{10}"), revision);
        assertEquals(List.of(revision + "=100"), traffic(service));
    }

    @Test
    void statusSaysReadyWithUrlAndTrafficOnceKnativeServesTheRevision() throws Exception {
        client.resource(iris()).create();
        await().atMost(WAIT).until(() -> condition("iris", ScoringFunctionStatus.READY) != null);
        assertEquals("Unknown", condition("iris", ScoringFunctionStatus.READY).getStatus());
        assertEquals("True", condition("iris", ScoringFunctionStatus.ROLLOUT_IN_PROGRESS).getStatus());

        String revision = becomesReady("iris");
        markEventingReady();
        await().atMost(WAIT).untilAsserted(() -> {
            ScoringFunctionStatus status = status("iris");
            assertEquals("True", condition("iris", ScoringFunctionStatus.READY).getStatus());
            assertEquals("True", condition("iris", ScoringFunctionStatus.MODEL_VERIFIED).getStatus());
            assertEquals("True", condition("iris", ScoringFunctionStatus.EVENTING_READY).getStatus());
            assertEquals("False", condition("iris", ScoringFunctionStatus.ROLLOUT_IN_PROGRESS).getStatus());
            assertEquals("http://iris.models.svc.cluster.local", status.url);
            assertEquals(1, status.traffic.size());
            assertEquals(revision, status.traffic.get(0).revisionName);
            assertEquals("1.0.0", status.traffic.get(0).modelVersion);
            assertEquals(100, status.traffic.get(0).percent);
            assertEquals(revision, status.stableRevision);
        });
    }

    @Test
    void aScaleChangeReachesTheServiceAndRollsOutAsANewRevision() throws Exception {
        client.resource(iris(100)).create();
        String first = becomesReady("iris");
        edit("iris", f -> f.getSpec().scaling.maxScale = 8);
        await().atMost(WAIT).until(() -> "8".equals(service("iris").getSpec().getTemplate().getMetadata()
                .getAnnotations().get("autoscaling.knative.dev/max-scale")));
        String second = service("iris").getSpec().getTemplate().getMetadata().getName();
        assertTrue(!second.equals(first), "a changed template is a new revision");
        assertEquals(List.of(first + "=100", second + "=0"), traffic(service("iris")),
                "the stable revision keeps all traffic until the new one is ready");
        knative.revisionReady("iris", second);
        await().atMost(WAIT).until(() -> traffic(service("iris")).equals(List.of(second + "=100")));
    }

    @Test
    void driftIsRepaired() throws Exception {
        client.resource(iris()).create();
        await().atMost(WAIT).until(() -> eventing("Trigger").size() == 4);

        client.genericKubernetesResources("eventing.knative.dev/v1", "Trigger").withName("iris-requests").delete();
        await().atMost(WAIT).until(() -> eventing("Trigger").stream()
                .anyMatch(t -> t.getMetadata().getName().equals("iris-requests")
                        && t.getMetadata().getDeletionTimestamp() == null));

        client.resources(Service.class).withName("iris").edit(s -> {
            s.getSpec().getTemplate().getMetadata().getAnnotations().put("autoscaling.knative.dev/max-scale", "50");
            return s;
        });
        await().atMost(WAIT).until(() -> "5".equals(service("iris").getSpec().getTemplate().getMetadata()
                .getAnnotations().get("autoscaling.knative.dev/max-scale")));

        client.network().v1().networkPolicies().withName("iris").delete();
        await().atMost(WAIT).until(() -> networkPolicy("iris") != null);
    }

    @Test
    void aNewModelVersionWithACanaryGetsItsShareAndIsPromotedAt100() throws Exception {
        client.resource(iris(10)).create();
        String stable = becomesReady("iris");

        edit("iris", f -> {
            f.getSpec().model.version = "1.1.0";
            f.getSpec().image = "registry.example/scoring/iris:0.2.0";
        });
        String candidate = awaitNewRevision("iris", stable);
        await().atMost(WAIT).until(() -> traffic(service("iris")).equals(List.of(stable + "=90", candidate + "=10")));
        assertEquals("candidate", service("iris").getSpec().getTraffic().get(1).getTag());
        knative.revisionReady("iris", candidate);
        knative.serviceReady("iris");
        await().atMost(WAIT).untilAsserted(() -> {
            Condition rollout = condition("iris", ScoringFunctionStatus.ROLLOUT_IN_PROGRESS);
            assertEquals("True", rollout.getStatus());
            assertEquals("Canary", rollout.getReason());
            assertEquals(List.of("1.0.0=90", "1.1.0=10"), status("iris").traffic.stream()
                    .map(t -> t.modelVersion + "=" + t.percent).toList());
        });

        edit("iris", f -> f.getSpec().canaryTrafficPercent = 100);
        await().atMost(WAIT).until(() -> traffic(service("iris")).equals(List.of(candidate + "=100")));
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(candidate, status("iris").stableRevision);
            assertEquals("1.1.0", status("iris").stableModelVersion);
            assertEquals("False", condition("iris", ScoringFunctionStatus.ROLLOUT_IN_PROGRESS).getStatus());
        });
    }

    @Test
    void aFailedRevisionIsRolledBackAndStatusSaysWhy() throws Exception {
        client.resource(iris(10)).create();
        String stable = becomesReady("iris");

        edit("iris", f -> f.getSpec().image = "registry.example/scoring/iris:broken");
        String candidate = awaitNewRevision("iris", stable);
        knative.revisionFailed("iris", candidate, "ContainerMissing", "Unable to fetch image \"iris:broken\"");

        await().atMost(WAIT).until(() -> traffic(service("iris")).equals(List.of(stable + "=100")));
        await().atMost(WAIT).untilAsserted(() -> {
            Condition rollout = condition("iris", ScoringFunctionStatus.ROLLOUT_IN_PROGRESS);
            assertEquals("False", rollout.getStatus());
            assertEquals("RolledBack", rollout.getReason());
            assertTrue(rollout.getMessage().contains("Unable to fetch image"), rollout.getMessage());
            assertEquals("False", condition("iris", ScoringFunctionStatus.MODEL_VERIFIED).getStatus());
            assertEquals(candidate, status("iris").failedRevision);
            assertEquals(stable, status("iris").stableRevision);
        });
    }

    @Test
    void aRevisionNotReadyWithinItsDeadlineIsRolledBack() throws Exception {
        client.resource(iris(10)).create();
        String stable = becomesReady("iris");

        edit("iris", f -> {
            f.getSpec().progressDeadlineSeconds = 2;
            f.getSpec().model.version = "1.1.0";
        });
        String candidate = awaitNewRevision("iris", stable);
        await().atMost(WAIT).until(() -> traffic(service("iris")).equals(List.of(stable + "=100")));
        await().atMost(WAIT).untilAsserted(() -> {
            Condition rollout = condition("iris", ScoringFunctionStatus.ROLLOUT_IN_PROGRESS);
            assertEquals("RolledBack", rollout.getReason());
            assertTrue(rollout.getMessage().contains(candidate + " was not ready within 2 s"), rollout.getMessage());
        });
    }

    @Test
    void aRestartedOperatorCarriesOnWithTheRolloutItFindsInStatus() throws Exception {
        client.resource(iris(10)).create();
        String stable = becomesReady("iris");
        edit("iris", f -> f.getSpec().model.version = "1.1.0");
        String candidate = awaitNewRevision("iris", stable);
        await().atMost(WAIT).until(() -> candidate.equals(status("iris").candidateRevision));

        operator.stop();
        knative.revisionReady("iris", candidate);
        edit("iris", f -> f.getSpec().canaryTrafficPercent = 100);
        operator = startOperator(Optional.empty());

        await().atMost(WAIT).until(() -> traffic(service("iris")).equals(List.of(candidate + "=100")));
        await().atMost(WAIT).until(() -> candidate.equals(status("iris").stableRevision));
    }

    @Test
    void anInvalidScoringFunctionIsReportedAndTheOthersAreStillReconciled() throws Exception {
        ScoringFunction broken = iris();
        broken.getMetadata().setName("broken");
        broken.getSpec().scaling.minScale = 3;
        broken.getSpec().scaling.maxScale = 2;
        client.resource(broken).create();
        client.resource(iris()).create();

        await().atMost(WAIT).until(() -> client.resources(Service.class).withName("iris").get() != null);
        await().atMost(WAIT).untilAsserted(() -> {
            Condition ready = condition("broken", ScoringFunctionStatus.READY);
            assertNotNull(ready);
            assertEquals("False", ready.getStatus());
            assertEquals("InvalidSpec", ready.getReason());
            assertEquals("spec.scaling.maxScale: 2 is below scaling.minScale 3", ready.getMessage());
        });
        assertNull(client.resources(Service.class).withName("broken").get(), "nothing is written for it");

        edit("broken", f -> f.getSpec().scaling.maxScale = 4);
        await().atMost(WAIT).until(() -> client.resources(Service.class).withName("broken").get() != null);
    }

    @Test
    void switchingEventingOffDeletesItsResources() throws Exception {
        client.resource(iris()).create();
        await().atMost(WAIT).until(() -> eventing("Trigger").size() == 4 && eventing("KafkaSource").size() == 1);
        edit("iris", f -> f.getSpec().eventing.enabled = false);
        await().atMost(WAIT).until(() -> eventing("Trigger").isEmpty() && eventing("KafkaSource").isEmpty()
                && eventing("KafkaSink").isEmpty() && eventing("SinkBinding").isEmpty());
        assertNotNull(service("iris"));
    }

    /**
     * Deleting a ScoringFunction deletes its resources through their owner references, by the API server's garbage
     * collector, which the server in memory does not run: here the test deletes the Service as it would, and the
     * operator must not bring it back.
     */
    @Test
    void aDeletedScoringFunctionIsNotRecreatedFrom() throws Exception {
        client.resource(iris()).create();
        await().atMost(WAIT).until(() -> client.resources(Service.class).withName("iris").get() != null);
        client.resources(ScoringFunction.class).withName("iris").delete();
        await().atMost(WAIT).until(() -> client.resources(ScoringFunction.class).withName("iris").get() == null);
        client.resources(Service.class).withName("iris").delete();
        await().during(Duration.ofSeconds(2)).atMost(WAIT)
                .until(() -> client.resources(Service.class).withName("iris").get() == null);
    }

    @Test
    void withLeaderElectionTheActiveReplicaHoldsTheLease() throws Exception {
        operator.stop();
        operator = startOperator(Optional.of("scoring-operator"));
        await().atMost(WAIT).until(() -> client.resources(Lease.class).withName("scoring-operator").get() != null);
        Lease lease = client.resources(Lease.class).withName("scoring-operator").get();
        assertNotNull(lease.getSpec().getHolderIdentity());
        client.resource(iris()).create();
        await().atMost(WAIT).until(() -> client.resources(Service.class).withName("iris").get() != null);
    }

    // --- helpers ---

    /** Knative makes the current revision ready and reports the Service; returns the revision's name. */
    private String becomesReady(String name) {
        await().atMost(WAIT).until(() -> client.resources(Service.class).withName(name).get() != null);
        String revision = service(name).getSpec().getTemplate().getMetadata().getName();
        knative.revisionReady(name, revision);
        await().atMost(WAIT).until(() -> revision.equals(status(name).stableRevision));
        knative.serviceReady(name);
        return revision;
    }

    private String awaitNewRevision(String name, String previous) {
        await().atMost(WAIT).until(() -> !previous.equals(service(name).getSpec().getTemplate().getMetadata()
                .getName()));
        return service(name).getSpec().getTemplate().getMetadata().getName();
    }

    private void markEventingReady() {
        for (String kind : List.of("Trigger", "SinkBinding", "KafkaSource", "KafkaSink")) {
            for (GenericKubernetesResource resource : eventing(kind)) {
                resource.setAdditionalProperty("status", Map.of("conditions",
                        List.of(Map.of("type", "Ready", "status", "True"))));
                client.resource(resource).updateStatus();
            }
        }
    }

    /** A user's change of the spec; retried when the operator wrote the status in between, as kubectl would. */
    private void edit(String name, Consumer<ScoringFunction> change) {
        await().atMost(WAIT).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
            client.resources(ScoringFunction.class).withName(name).edit(f -> {
                change.accept(f);
                return f;
            });
            return true;
        });
    }

    private Service service(String name) {
        return client.resources(Service.class).withName(name).get();
    }

    private NetworkPolicy networkPolicy(String name) {
        return client.network().v1().networkPolicies().withName(name).get();
    }

    private List<GenericKubernetesResource> eventing(String kind) {
        String apiVersion = ScoringFunctionReconciler.OWNED_KINDS.stream().filter(k -> k.getKind().equals(kind))
                .findFirst().orElseThrow().apiVersion();
        return client.genericKubernetesResources(apiVersion, kind).list().getItems();
    }

    private ScoringFunctionStatus status(String name) {
        ScoringFunction function = client.resources(ScoringFunction.class).withName(name).get();
        return function.getStatus() == null ? new ScoringFunctionStatus() : function.getStatus();
    }

    private Condition condition(String name, String type) {
        return status(name).conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static List<String> traffic(Service service) {
        return service.getSpec().getTraffic().stream().map(ScoringOperatorTest::share).toList();
    }

    private static String share(TrafficTarget target) {
        return target.getRevisionName() + "=" + target.getPercent();
    }

    private static void assertOwnedBy(ScoringFunction owner, HasMetadata resource) {
        List<OwnerReference> owners = resource.getMetadata().getOwnerReferences();
        assertEquals(1, owners.size(), resource.getKind() + " " + resource.getMetadata().getName());
        assertEquals(owner.getMetadata().getUid(), owners.get(0).getUid());
        assertEquals(Boolean.TRUE, owners.get(0).getController());
        assertEquals("ScoringFunction", owners.get(0).getKind());
    }

    private static ScoringFunction iris() throws Exception {
        return iris(null);
    }

    private static ScoringFunction iris(Integer canaryTrafficPercent) throws Exception {
        ScoringFunction function = new YAMLMapper().treeToValue(ScoringFunctionCrdTest.iris(), ScoringFunction.class);
        function.getSpec().canaryTrafficPercent = canaryTrafficPercent;
        return function;
    }
}
