package dev.scoring.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.manifests.EventTypes;
import dev.scoring.manifests.FunctionService;
import dev.scoring.manifests.EventingOidc;
import dev.scoring.manifests.EventingResources;
import dev.scoring.manifests.EventingSettings;
import dev.scoring.manifests.KafkaSecurity;
import dev.scoring.manifests.NetworkPolicies;
import dev.scoring.manifests.NetworkPolicySettings;
import dev.scoring.runtime.EventTypesConfig;
import dev.scoring.runtime.JsonNumbersCustomizer;
import dev.scoring.runtime.ScoringConfig;
import dev.scoring.runtime.ScoringService;
import dev.scoring.runtime.ServedModel;
import dev.scoring.runtime.ServedModelRecorder;
import dev.scoring.runtime.drift.DriftMonitor;
import dev.scoring.runtime.health.ModelReadinessCheck;
import dev.scoring.runtime.health.ModelStartupCheck;
import dev.scoring.runtime.health.ScoringLivenessCheck;
import dev.scoring.runtime.http.ScoringFunctions;
import dev.scoring.runtime.kafka.DirectKafkaScoring;
import dev.scoring.runtime.metrics.NettyWorkersGaugeFilter;
import dev.scoring.runtime.metrics.ScoringMetrics;
import dev.scoring.runtime.model.LoadedModel;
import dev.scoring.runtime.model.ModelLoadException;
import dev.scoring.runtime.model.ModelLoader;
import dev.scoring.runtime.model.PackagedModelOutcome;
import dev.scoring.runtime.payload.PayloadLogger;
import dev.scoring.runtime.security.ExplainPolicy;
import dev.scoring.runtime.security.CachedTokenAuthenticationMechanism;
import dev.scoring.runtime.security.MetricsPolicy;
import dev.scoring.runtime.security.VerifiedTokenRecorder;
import dev.scoring.runtime.security.VerifiedTokens;
import dev.scoring.runtime.tracing.ScoringTracer;
import dev.scoring.runtime.v2.V2Routes;

import io.dekorate.kubernetes.config.Probe;
import io.dekorate.kubernetes.config.ProbeBuilder;
import io.dekorate.kubernetes.decorator.AddStartupProbeDecorator;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.kubernetes.spi.KubernetesEnvBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.builder.item.SimpleBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.quarkus.deployment.builditem.ApplicationInfoBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.pkg.steps.NativeOrNativeSourcesBuild;
import io.quarkus.kubernetes.spi.DecoratorBuildItem;
import io.quarkus.kubernetes.spi.KubernetesAnnotationBuildItem;
import io.quarkus.kubernetes.spi.KubernetesLabelBuildItem;
import io.quarkus.oidc.deployment.OidcBuildTimeConfig;
import io.quarkus.runtime.RuntimeValue;

/**
 * Build-time half of the scoring extension: registers the runtime's beans and Funqy functions,
 * verifies the packaged model and embeds it (in a native image: in the image heap), and completes
 * and hardens the generated Knative Service.
 */
class ScoringProcessor {

    private static final Logger LOG = Logger.getLogger(ScoringProcessor.class);
    private static final String KNATIVE = "knative";
    private static final List<String> TARGETS = List.of(KNATIVE, "kubernetes");
    /** SmallRye Health's start-up endpoint under the default non-application root. */
    static final String STARTUP_PATH = "/q/health/started";

    private static final String FEATURE = "ml-scoring";
    /** Directory of the packaged model on the class path: the default {@code scoring.model.location}. */
    static final String PACKAGED_MODEL_DIR = "model";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * Puts the runtime jar into the application's combined index. Quarkus reads
     * {@code @RegisterForReflection} (and every other annotation it acts on at build time) only from
     * indexed classes, and an extension's runtime jar is not indexed by default: without this the
     * records Jackson writes (answers, refusals, warnings, explanations, the descriptor) were left out
     * of the native image's reflection metadata, and a native function answered every request with
     * {@code {}}. Indexing the jar, rather than listing the classes here, keeps the annotation on the
     * record the single place that says "Jackson reads this reflectively".
     */
    @BuildStep
    IndexDependencyBuildItem indexRuntime() {
        return new IndexDependencyBuildItem("dev.scoring", "scoring-runtime");
    }

    /** Funqy finds its functions in the bean archive; being additional beans puts them there. */
    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(ScoringService.class, ScoringMetrics.class,
                        ModelReadinessCheck.class, ModelStartupCheck.class, ScoringLivenessCheck.class,
                        JsonNumbersCustomizer.class, ScoringFunctions.class, V2Routes.class,
                        DriftMonitor.class, PayloadLogger.class, ScoringTracer.class, DirectKafkaScoring.class,
                        NettyWorkersGaugeFilter.class, ExplainPolicy.class, MetricsPolicy.class,
                        VerifiedTokens.class, CachedTokenAuthenticationMechanism.class, VerifiedTokenRecorder.class)
                .setUnremovable()
                .build();
    }

    @BuildStep
    void hardenContainer(ApplicationInfoBuildItem app, BuildProducer<DecoratorBuildItem> decorators) {
        for (String target : TARGETS) {
            decorators.produce(new DecoratorBuildItem(target, new HardenContainerSecurityDecorator(app.getName())));
        }
    }

    /**
     * Quarkus writes no startup probe for Knative (older Knative refused one) and leaves an empty
     * port on the probes it writes; see {@link OmitProbePortDecorator}.
     */
    @BuildStep
    void completeKnativeProbes(ApplicationInfoBuildItem app, ScoringBuildConfig config,
            BuildProducer<DecoratorBuildItem> decorators) {
        if (config.startupProbe()) {
            Probe startup = new ProbeBuilder()
                    .withHttpActionPath(STARTUP_PATH)
                    .withInitialDelaySeconds(0)
                    .withPeriodSeconds(config.startupProbePeriod())
                    .withTimeoutSeconds(1)
                    .withSuccessThreshold(1)
                    .withFailureThreshold(config.startupProbeFailureThreshold())
                    .build();
            decorators.produce(new DecoratorBuildItem(KNATIVE, new AddStartupProbeDecorator(app.getName(), startup)));
        }
        decorators.produce(new DecoratorBuildItem(KNATIVE, new OmitProbePortDecorator()));
    }

    /**
     * LIME trains a LARS-LASSO surrogate for every explanation at run time, and OLCUT builds the new
     * model's provenance by reading the trainer's {@code @Config} fields reflectively
     * ({@code SkeletalConfiguredObjectProvenance.getConfiguredFields}; the native-check dynamic-access
     * report lists it). Those fields, and only those classes', are registered.
     */
    @BuildStep
    ReflectiveClassBuildItem limeSurrogateTrainerFields() {
        return ReflectiveClassBuildItem.builder("org.tribuo.regression.slm.LARSLassoTrainer",
                "org.tribuo.regression.slm.LARSTrainer", "org.tribuo.regression.slm.SLMTrainer")
                .fields().build();
    }

    /** A native build's container is sized for the native executable; see {@link NativeMemoryDecorator}. */
    @BuildStep(onlyIf = NativeOrNativeSourcesBuild.class)
    void sizeNativeContainer(ApplicationInfoBuildItem app, ScoringBuildConfig config,
            BuildProducer<DecoratorBuildItem> decorators) {
        for (String target : TARGETS) {
            decorators.produce(new DecoratorBuildItem(target, new NativeMemoryDecorator(app.getName(),
                    config.nativeImage().memoryRequest(), config.nativeImage().memoryLimit())));
        }
    }

    @BuildStep
    void completeKnativeServing(ApplicationInfoBuildItem app, ScoringBuildConfig config,
            BuildProducer<DecoratorBuildItem> decorators) {
        Map<String, String> annotations = FunctionService.extraRevisionAnnotations(config.initialScale(),
                config.scaleDownDelay().toSeconds() + "s");
        String topologyKey = config.topologySpread().topologyKey();
        decorators.produce(new DecoratorBuildItem(KNATIVE,
                new ServingDefaultsDecorator(app.getName(), annotations, topologyKey)));
    }

    /**
     * The function's Triggers and Kafka resources, written into the same knative.yml. The event types
     * are build-and-run-time fixed ({@link EventTypesConfig}): what the Triggers deliver is what the
     * function answers to, by construction.
     */
    @BuildStep
    void generateEventing(ApplicationInfoBuildItem app, ScoringBuildConfig config, EventTypesConfig events,
            BuildProducer<DecoratorBuildItem> decorators) {
        if (!config.eventing().enabled()) {
            return;
        }
        EventTypes types = new EventTypes(events.requestType(), events.explainType(), events.responseType(),
                events.kafkaType());
        Optional<String> audience = config.eventing().oidc()
                ? Optional.of(EventingOidc.audience(buildNamespace(), app.getName()))
                : Optional.empty();
        decorators.produce(new DecoratorBuildItem(KNATIVE, new AddResourcesDecorator(
                EventingResources.of(app.getName(), types, eventingSettings(config, audience)))));
    }

    private static EventingSettings eventingSettings(ScoringBuildConfig config, Optional<String> audience) {
        ScoringBuildConfig.EventingConfig eventing = config.eventing();
        return new EventingSettings(eventing.broker(), eventing.retry(), eventing.backoffPolicy(),
                eventing.backoffDelay(), eventing.kafkaDeliveryOrder(), eventing.deadLetterSink(),
                eventing.kafkaBootstrapServers(), eventing.inputTopics().orElse(List.of()), eventing.resultsTopic(),
                kafkaSecurity(config.kafka()), audience);
    }

    /** The namespace the function is deployed to, as the build knows it; required for the audience. */
    private static String buildNamespace() {
        var config = ConfigProvider.getConfig();
        return config.getOptionalValue("quarkus.knative.namespace", String.class)
                .or(() -> config.getOptionalValue("quarkus.kubernetes.namespace", String.class))
                .orElseThrow(() -> new IllegalStateException("scoring-knative.eventing.oidc=true needs the namespace"
                        + " at build time (quarkus.knative.namespace): the audience of the delivery tokens names it"));
    }

    /**
     * With Knative Eventing's OIDC authentication, the function's container verifies delivery tokens: their
     * audience, its own Triggers as the only senders, and the cluster's keys fetched over TLS checked against
     * the pod's CA (docs/security.md "Authenticated event delivery").
     */
    @BuildStep
    void eventingOidc(ApplicationInfoBuildItem app, ScoringBuildConfig config, BuildProducer<KubernetesEnvBuildItem> env) {
        if (!config.eventing().enabled() || !config.eventing().oidc()) {
            return;
        }
        String namespace = buildNamespace();
        boolean kafkaInput = config.eventing().inputTopics().filter(topics -> !topics.isEmpty()).isPresent();
        env.produce(KubernetesEnvBuildItem.createSimpleVar("SCORING_AUTH_EVENTING_ENABLED", "true", KNATIVE));
        env.produce(KubernetesEnvBuildItem.createSimpleVar("SCORING_AUTH_EVENTING_AUDIENCE",
                EventingOidc.audience(namespace, app.getName()), KNATIVE));
        EventingOidc.triggerSenders(namespace, EventingResources.functionTriggers(app.getName(), kafkaInput))
                .ifPresentOrElse(senders -> env.produce(KubernetesEnvBuildItem.createSimpleVar(
                        "SCORING_AUTH_EVENTING_ALLOWED_SENDERS", String.join(",", senders), KNATIVE)),
                        () -> LOG.warnf("The OIDC service-account names of %s's Triggers exceed 63 characters; the"
                                + " function accepts any sender with a valid token for its audience"
                                + " (set scoring.auth.eventing.allowed-senders to restrict it)", app.getName()));
        env.produce(KubernetesEnvBuildItem.createSimpleVar("QUARKUS_TLS_KUBERNETES_TRUST_STORE_PEM_CERTS",
                "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt", KNATIVE));
        env.produce(KubernetesEnvBuildItem.createSimpleVar("QUARKUS_OIDC_EVENTING_TLS_TLS_CONFIGURATION_NAME",
                "kubernetes", KNATIVE));
    }

    /**
     * Triggers that send delivery tokens to a function built without Quarkus OIDC would have every event
     * refused. Checked in ArC's validation phase, which every build runs (the manifest steps run only in a
     * packaging build).
     */
    @BuildStep
    void eventingOidcNeedsOidc(ScoringBuildConfig config, OidcBuildTimeConfig oidc,
            BuildProducer<ValidationErrorBuildItem> errors) {
        if (config.eventing().enabled() && config.eventing().oidc() && !oidc.enabled()) {
            errors.produce(new ValidationErrorBuildItem(new IllegalStateException(
                    "scoring-knative.eventing.oidc=true needs quarkus.oidc.enabled=true: the function verifies the"
                            + " delivery tokens with Quarkus OIDC (docs/security.md)")));
        }
    }

    /**
     * The function's Kafka security settings for its container on every target (the direct path runs in
     * either); nothing is added for a plain-text cluster without a Secret. SASL without a Secret fails the
     * build: the credentials would have to be written into the manifest.
     */
    @BuildStep
    void kafkaCredentials(ApplicationInfoBuildItem app, ScoringBuildConfig config,
            BuildProducer<DecoratorBuildItem> decorators) {
        KafkaSecurity security = kafkaSecurity(config.kafka());
        if (security.plainWithoutSecret()) {
            return;
        }
        for (String target : TARGETS) {
            decorators.produce(new DecoratorBuildItem(target, new KafkaCredentialsDecorator(app.getName(), security)));
        }
    }

    /** SASL without a Secret fails the build: the credentials would have to be written into the manifest. */
    private static KafkaSecurity kafkaSecurity(ScoringBuildConfig.KafkaConfig kafka) {
        if (kafka.securityProtocol().sasl() && kafka.credentialsSecret().isEmpty()) {
            throw new IllegalStateException("scoring-knative.kafka.security-protocol=" + kafka.securityProtocol()
                    + " needs scoring-knative.kafka.credentials-secret: the name of the Secret holding the SASL user"
                    + " and password (keys user, password, sasl.mechanism, protocol)");
        }
        return new KafkaSecurity(kafka.securityProtocol().name(), kafka.credentialsSecret());
    }

    /** The NetworkPolicy admitting only Knative's data plane to the function's pods, for every target. */
    @BuildStep
    void generateNetworkPolicy(ApplicationInfoBuildItem app, ScoringBuildConfig config,
            BuildProducer<DecoratorBuildItem> decorators) {
        if (!config.networkPolicy().enabled()) {
            return;
        }
        ScoringBuildConfig.NetworkPolicyConfig policy = config.networkPolicy();
        NetworkPolicySettings settings = new NetworkPolicySettings(policy.servingNamespaces(),
                policy.eventingNamespaces(), policy.scraperNamespaces().orElse(List.of()), policy.metricsPort(),
                policy.namespaceLabel());
        for (String target : TARGETS) {
            decorators.produce(new DecoratorBuildItem(target,
                    new AddResourcesDecorator(List.of(NetworkPolicies.of(app.getName(), settings)))));
        }
    }

    /**
     * Loads and verifies the packaged model once at build time, so that a function whose model is
     * missing, corrupt or does not match its checksum fails to build instead of failing to become
     * ready in the cluster; then labels the generated resources with the model's name and version, and
     * gives the container the model's checksum to expect (an image with another model stays unready).
     */
    @BuildStep
    PackagedModelBuildItem verifyPackagedModel(ApplicationArchivesBuildItem archives,
            BuildProducer<KubernetesLabelBuildItem> labels,
            BuildProducer<KubernetesAnnotationBuildItem> annotations,
            BuildProducer<KubernetesEnvBuildItem> env) {
        Optional<Path> modelDir = archives.getRootArchive().getResolvedPaths().stream()
                .map(root -> root.resolve(PACKAGED_MODEL_DIR))
                .filter(dir -> Files.isRegularFile(dir.resolve(ModelLoader.DESCRIPTOR_FILE)))
                .findFirst();
        if (modelDir.isEmpty()) {
            LOG.warnf("No model packaged under %s/ in this application: it must be mounted at run time "
                    + "(scoring.model.location)", PACKAGED_MODEL_DIR);
            return null;
        }
        LoadedModel model;
        try {
            model = new ModelLoader(new ObjectMapper()).load(modelDir.get().toString());
        } catch (ModelLoadException e) {
            throw new IllegalStateException("The packaged model cannot be served: " + e.getMessage(), e);
        }
        for (String target : TARGETS) {
            labels.produce(new KubernetesLabelBuildItem(FunctionService.LABEL_MODEL, model.name(), target));
            labels.produce(new KubernetesLabelBuildItem(FunctionService.LABEL_MODEL_VERSION, model.version(), target));
            annotations.produce(new KubernetesAnnotationBuildItem(FunctionService.ANNOTATION_MODEL_SHA256,
                    model.descriptor().model().sha256(), target));
            env.produce(KubernetesEnvBuildItem.createSimpleVar(FunctionService.EXPECTED_SHA256_VARIABLE,
                    model.descriptor().model().sha256(), target));
        }
        return new PackagedModelBuildItem(ModelLoader.CLASSPATH_PREFIX + PACKAGED_MODEL_DIR, model.descriptor());
    }

    /**
     * The {@link ServedModel} bean. The build verified the packaged model ({@link #verifyPackagedModel}) and
     * records its descriptor; static initialization only decodes the model file: in a native executable
     * while the image is built, so the model is in the image heap and nothing about it (file read, Tribuo's
     * reflective deserialization) happens at run time; on the JVM at start-up, without parsing the
     * descriptor or checking the checksum again. The bean itself is made at
     * start-up, when {@code scoring.model.location} (run-time configuration) says which model to serve,
     * and eagerly, so that readiness and the start-up log report the model before the first request.
     */
    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    PackagedModelLoadedBuildItem loadPackagedModel(Optional<PackagedModelBuildItem> packaged,
            ServedModelRecorder recorder) {
        return new PackagedModelLoadedBuildItem(
                packaged.map(model -> recorder.loadPackagedModel(model.descriptor(), model.location())).orElse(null));
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SyntheticBeanBuildItem servedModel(PackagedModelLoadedBuildItem packaged, ServedModelRecorder recorder) {
        return SyntheticBeanBuildItem.configure(ServedModel.class)
                .scope(Singleton.class)
                .setRuntimeInit()
                .startup()
                .unremovable()
                .addInjectionPoint(ClassType.create(DotName.createSimple(ScoringConfig.class)))
                .addInjectionPoint(ClassType.create(DotName.createSimple(ObjectMapper.class)))
                .createWith(recorder.servedModel(packaged.outcome()))
                .done();
    }

    /** The static-init outcome of loading the packaged model, or none when the build packaged no model. */
    static final class PackagedModelLoadedBuildItem extends SimpleBuildItem {

        private final RuntimeValue<PackagedModelOutcome> outcome;

        PackagedModelLoadedBuildItem(RuntimeValue<PackagedModelOutcome> outcome) {
            this.outcome = outcome;
        }

        RuntimeValue<PackagedModelOutcome> outcome() {
            return outcome;
        }
    }
}
