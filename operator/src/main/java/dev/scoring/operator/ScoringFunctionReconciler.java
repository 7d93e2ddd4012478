package dev.scoring.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.scoring.manifests.FunctionResources;
import dev.scoring.manifests.InvalidSpecException;
import dev.scoring.manifests.scoringfunction.ScoringFunction;
import dev.scoring.manifests.scoringfunction.ScoringFunctionSpec;
import dev.scoring.manifests.scoringfunction.ScoringFunctionStatus;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * Reconciles a ScoringFunction into the resources its function's build would generate for the same settings
 * ({@link FunctionResources}, shared with the build), owned by it; drives rollouts through the Knative Service's
 * traffic block ({@link Rollout}); and reports what Knative says in the ScoringFunction's status. A resource that
 * cannot be reconciled (an invalid spec, an API error) is reported in its own status and never stops the others.
 */
public class ScoringFunctionReconciler implements Reconciler<ScoringFunction> {

    private static final int HTTP_CONFLICT = 409;

    private static final Logger LOG = Logger.getLogger(ScoringFunctionReconciler.class);

    /** The label Knative puts on every revision: the Service it belongs to. */
    static final String SERVICE_LABEL = "serving.knative.dev/service";

    /** The kinds besides the Knative Service a ScoringFunction may own, as the shared renderer writes them. */
    static final GroupVersionKind NETWORK_POLICY = new GroupVersionKind("networking.k8s.io", "v1", "NetworkPolicy");
    static final List<GroupVersionKind> OWNED_KINDS = List.of(
            NETWORK_POLICY,
            new GroupVersionKind("eventing.knative.dev", "v1", "Trigger"),
            new GroupVersionKind("sources.knative.dev", "v1", "SinkBinding"),
            new GroupVersionKind("sources.knative.dev", "v1beta1", "KafkaSource"),
            new GroupVersionKind("eventing.knative.dev", "v1alpha1", "KafkaSink"));

    /** A revision name is the function's name, a dash and this many hex digits of its template's hash. */
    private static final int REVISION_HASH_LENGTH = 10;
    /** Revision names are the Service's name and a suffix, at most 63 characters together. */
    private static final int MAX_NAME_LENGTH = 63 - 1 - REVISION_HASH_LENGTH;

    private final Clock clock;
    private OwnedResources writer;
    private InformerEventSource<Service, ScoringFunction> services;
    private InformerEventSource<Revision, ScoringFunction> revisions;
    private final Map<GroupVersionKind, InformerEventSource<GenericKubernetesResource, ScoringFunction>> owned =
            new LinkedHashMap<>();

    public ScoringFunctionReconciler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, ScoringFunction>> prepareEventSources(EventSourceContext<ScoringFunction> context) {
        KubernetesClient client = context.getClient();
        writer = new OwnedResources(client);
        services = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Service.class, ScoringFunction.class).build(), context);
        // Knative owns revisions (through the Service's Configuration), not the ScoringFunction: map them back by
        // the Service's name, which is the ScoringFunction's.
        revisions = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Revision.class, ScoringFunction.class)
                        .withSecondaryToPrimaryMapper(revision -> Optional
                                .ofNullable(revision.getMetadata().getLabels())
                                .map(labels -> labels.get(SERVICE_LABEL))
                                .map(service -> Set.of(new ResourceID(service, revision.getMetadata().getNamespace())))
                                .orElse(Set.of()))
                        .build(),
                context);
        List<EventSource<?, ScoringFunction>> sources = new ArrayList<>(List.of(services, revisions));
        for (GroupVersionKind kind : OWNED_KINDS) {
            InformerEventSource<GenericKubernetesResource, ScoringFunction> informer = new InformerEventSource<>(
                    InformerEventSourceConfiguration.from(kind, ScoringFunction.class)
                            .withName(kind.getKind())
                            .build(),
                    context);
            owned.put(kind, informer);
            sources.add(informer);
        }
        return sources;
    }

    @Override
    public UpdateControl<ScoringFunction> reconcile(ScoringFunction function, Context<ScoringFunction> context) {
        Instant now = clock.instant();
        ScoringFunctionStatus previous = Optional.ofNullable(function.getStatus()).orElseGet(ScoringFunctionStatus::new);
        long generation = Optional.ofNullable(function.getMetadata().getGeneration()).orElse(0L);
        List<HasMetadata> desired;
        try {
            desired = FunctionResources.of(function);
        } catch (InvalidSpecException e) {
            return refuse(function, previous, generation, now, e.getMessage(), context);
        }
        String name = function.getMetadata().getName();
        if (name.length() > MAX_NAME_LENGTH) {
            return refuse(function, previous, generation, now, "metadata.name: '" + name + "' is longer than "
                    + MAX_NAME_LENGTH + " characters, which leaves no room for its revisions' names", context);
        }

        ScoringFunctionSpec spec = function.getSpec();
        Service service = (Service) desired.stream().filter(Service.class::isInstance).findFirst().orElseThrow();
        String revision = revisionName(function.getMetadata().getName(), service);
        service.getSpec().getTemplate().getMetadata().setName(revision);
        ResourceID id = ResourceID.fromResource(function);
        RevisionState candidate = RevisionState.of(revisions.get(new ResourceID(revision, id.getNamespace().orElse(null))));
        int canaryPercent = Optional.ofNullable(spec.canaryTrafficPercent).orElse(100);
        Rollout.Plan plan = Rollout.plan(revision, spec.model.version, canaryPercent,
                Duration.ofSeconds(spec.progressDeadlineSeconds), StatusReport.rolloutState(previous), candidate, now);
        service.getSpec().setTraffic(plan.traffic());

        for (HasMetadata resource : desired) {
            applyOne(function, resource, context);
        }
        deleteStale(function, desired);

        Service observed = services.get(id).orElse(null);
        List<GenericKubernetesResource> eventing = desired.stream()
                .filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast)
                .filter(r -> !NETWORK_POLICY.getKind().equals(r.getKind()))
                .map(r -> informer(r).get(new ResourceID(r.getMetadata().getName(), id.getNamespace().orElse(null)))
                        .orElse(r))
                .toList();
        function.setStatus(new StatusReport(function, previous, generation, now)
                .report(plan, candidate, revision, observed, eventing));
        writeStatus(function, context);
        UpdateControl<ScoringFunction> control = UpdateControl.noUpdate();
        if (plan.inProgress() && plan.state().candidateSince() != null) {
            // Revision events wake the reconciler when Knative decides; this wakes it when the deadline passes.
            Duration left = Duration.between(now, plan.state().candidateSince()
                    .plusSeconds(spec.progressDeadlineSeconds));
            control.rescheduleAfter(left.isNegative() ? Duration.ofSeconds(1) : left.plusSeconds(1));
        }
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<ScoringFunction> updateErrorStatus(ScoringFunction function,
            Context<ScoringFunction> context, Exception e) {
        if (e instanceof KubernetesClientException conflict && conflict.getCode() == HTTP_CONFLICT) {
            // Someone changed the resource while it was reconciled: the retry reconciles the new version.
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        ScoringFunctionStatus previous = Optional.ofNullable(function.getStatus()).orElseGet(ScoringFunctionStatus::new);
        long generation = Optional.ofNullable(function.getMetadata().getGeneration()).orElse(0L);
        function.setStatus(StatusReport.failed(previous, generation, clock.instant(), e));
        LOG.warnf("ScoringFunction %s/%s: %s (retried)", function.getMetadata().getNamespace(),
                function.getMetadata().getName(), e.getMessage());
        // Retried with the controller's back-off; the status says why meanwhile.
        return ErrorStatusUpdateControl.patchStatus(function);
    }

    /**
     * Replaces the status, guarded by the resource version the reconcile read: if the spec changed meanwhile the
     * write fails with a conflict and the reconcile is retried on the new version. (A patch would succeed and leave
     * a status describing an older spec.)
     */
    private static void writeStatus(ScoringFunction function, Context<ScoringFunction> context) {
        context.getClient().resource(function).updateStatus();
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private void applyOne(ScoringFunction function, HasMetadata resource, Context<ScoringFunction> context) {
        ResourceID id = new ResourceID(resource.getMetadata().getName(), function.getMetadata().getNamespace());
        InformerEventSource informer = resource instanceof Service ? services
                : informer((GenericKubernetesResource) resource);
        Optional<HasMetadata> actual = informer.get(id);
        OwnedResources.Outcome outcome = writer.apply(function, resource, actual, context);
        if (outcome != OwnedResources.Outcome.UNCHANGED) {
            LOG.infof("%s %s %s/%s", outcome == OwnedResources.Outcome.CREATED ? "Created" : "Repaired",
                    resource.getKind(), id.getNamespace().orElse(""), id.getName());
        }
    }

    /** Resources the spec no longer asks for, e.g. Triggers once eventing is switched off. */
    private void deleteStale(ScoringFunction function, List<HasMetadata> desired) {
        for (var entry : owned.entrySet()) {
            for (GenericKubernetesResource existing : entry.getValue().getSecondaryResources(function)) {
                boolean wanted = desired.stream().anyMatch(d -> d.getKind().equals(existing.getKind())
                        && d.getMetadata().getName().equals(existing.getMetadata().getName()));
                if (!wanted && OwnedResources.ownedBy(existing, function)) {
                    writer.delete(existing);
                    LOG.infof("Deleted %s %s/%s", existing.getKind(), existing.getMetadata().getNamespace(),
                            existing.getMetadata().getName());
                }
            }
        }
    }

    private InformerEventSource<GenericKubernetesResource, ScoringFunction> informer(
            GenericKubernetesResource resource) {
        return owned.entrySet().stream()
                .filter(e -> e.getKey().getKind().equals(resource.getKind())
                        && e.getKey().apiVersion().equals(resource.getApiVersion()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no informer for " + resource.getApiVersion() + " "
                        + resource.getKind()));
    }

    /** Writes nothing for a resource that cannot be rendered; its status names the field. Not retried: the next
     * change of the resource is. */
    private static UpdateControl<ScoringFunction> refuse(ScoringFunction function, ScoringFunctionStatus previous,
            long generation, Instant now, String problem, Context<ScoringFunction> context) {
        LOG.warnf("ScoringFunction %s/%s is invalid: %s", function.getMetadata().getNamespace(),
                function.getMetadata().getName(), problem);
        function.setStatus(StatusReport.invalid(previous, generation, now, problem));
        writeStatus(function, context);
        return UpdateControl.noUpdate();
    }

    /**
     * The revision a template makes: the same template always gets the same name, a changed one a new name, so the
     * traffic block can name the revision before Knative creates it and a rollback can name the stable one.
     */
    static String revisionName(String function, Service service) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String template = Serialization.asJson(service.getSpec().getTemplate());
            byte[] digest = sha256.digest(template.getBytes(StandardCharsets.UTF_8));
            return function + "-" + HexFormat.of().formatHex(digest).substring(0, REVISION_HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
