package dev.scoring.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.scoring.manifests.FunctionResources;
import dev.scoring.manifests.FunctionService;
import dev.scoring.manifests.InvalidSpecException;
import dev.scoring.manifests.SameResources;
import dev.scoring.manifests.scoringfunction.Eventing;
import dev.scoring.manifests.scoringfunction.ScoringFunction;
import dev.scoring.manifests.scoringfunction.ScoringFunctions;
import dev.scoring.runtime.EventTypesConfig;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationInfoBuildItem;
import io.quarkus.deployment.builditem.GeneratedFileSystemResourceBuildItem;
import io.quarkus.kubernetes.spi.GeneratedKubernetesResourceBuildItem;

/**
 * Writes {@code target/kubernetes/scoringfunction.yml}: the function as a ScoringFunction for the scoring operator,
 * the alternative to applying {@code knative.yml}. It is written only when the operator's rendering of it is the
 * build's own resources (the same Knative Service field for field, the same Triggers, Kafka resources and
 * NetworkPolicy); a build whose settings a ScoringFunction cannot express (KEDA scaling, Eventing OIDC, a custom
 * NetworkPolicy, extra container variables) writes none and says why.
 */
public class ScoringFunctionProcessor {

    private static final Logger LOG = Logger.getLogger(ScoringFunctionProcessor.class);
    static final String FILE = "kubernetes/scoringfunction.yml";

    @BuildStep
    void writeScoringFunction(ApplicationInfoBuildItem app, ScoringBuildConfig config, EventTypesConfig events,
            List<GeneratedKubernetesResourceBuildItem> generated,
            BuildProducer<GeneratedFileSystemResourceBuildItem> files) {
        Optional<List<JsonNode>> knative = generated.stream()
                .filter(item -> item.getName().equals("knative.yml"))
                .findFirst()
                .map(item -> readAll(item.getContent()));
        if (knative.isEmpty()) {
            return;
        }
        List<JsonNode> built = knative.get();
        JsonNode service = built.stream()
                .filter(r -> "Service".equals(r.path("kind").asText())
                        && r.path("apiVersion").asText().startsWith("serving.knative.dev/"))
                .findFirst().orElseThrow();
        ScoringFunction function = ScoringFunctions.of(
                FunctionService.settingsOf(new ObjectMapper().convertValue(service, Service.class)),
                eventing(config, events));
        Optional<String> difference;
        try {
            difference = SameResources.firstDifference(built, FunctionResources.of(function));
        } catch (InvalidSpecException e) {
            difference = Optional.of(e.getMessage());
        }
        if (difference.isPresent()) {
            LOG.infof("No %s for %s: a ScoringFunction cannot express this build's resources (%s); deploy it with"
                    + " knative.yml", FILE, app.getName(), difference.get());
            return;
        }
        files.produce(new GeneratedFileSystemResourceBuildItem(FILE,
                Serialization.asYaml(function).getBytes(StandardCharsets.UTF_8)));
    }

    /** The build's Eventing wiring in the ScoringFunction's terms. */
    private static Eventing eventing(ScoringBuildConfig config, EventTypesConfig events) {
        ScoringBuildConfig.EventingConfig settings = config.eventing();
        Eventing eventing = new Eventing();
        eventing.enabled = settings.enabled();
        eventing.broker = settings.broker();
        eventing.requestType = events.requestType();
        eventing.explainType = events.explainType();
        eventing.inputTopics = settings.inputTopics().orElse(List.of());
        eventing.resultsTopic = settings.resultsTopic().orElse(null);
        eventing.kafkaBootstrapServers = settings.kafkaBootstrapServers();
        eventing.kafkaSecurityProtocol = config.kafka().securityProtocol().name();
        eventing.kafkaCredentialsSecret = config.kafka().credentialsSecret().orElse(null);
        eventing.deadLetterSink = settings.deadLetterSink();
        eventing.deliveryOrder = settings.kafkaDeliveryOrder();
        eventing.retry = settings.retry();
        eventing.backoffPolicy = settings.backoffPolicy();
        eventing.backoffDelay = settings.backoffDelay().toString();
        return eventing;
    }

    private static List<JsonNode> readAll(byte[] yaml) {
        YAMLMapper mapper = new YAMLMapper();
        try (MappingIterator<JsonNode> documents = mapper.readerFor(JsonNode.class).readValues(yaml)) {
            return documents.readAll().stream().filter(d -> d != null && !d.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
