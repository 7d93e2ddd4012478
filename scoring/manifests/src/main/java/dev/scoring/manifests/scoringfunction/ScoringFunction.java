package dev.scoring.manifests.scoringfunction;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One model served as one scoring function: the image the build produced, the model it serves, and how it
 * scales, who may reach it and which events it gets. The operator reconciles it into the Knative Service,
 * Triggers, Kafka resources and NetworkPolicy the build would generate for the same settings.
 */
@Group(ScoringFunction.GROUP)
@Version(ScoringFunction.VERSION)
@ShortNames("sfn")
// What `kubectl get sfn` shows: readiness, the model version, the rollout and the URL.
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Model", jsonPath = ".spec.model.version")
@AdditionalPrinterColumn(name = "Rollout", jsonPath = ".status.conditions[?(@.type==\"RolloutInProgress\")].reason")
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ScoringFunction extends CustomResource<ScoringFunctionSpec, ScoringFunctionStatus> implements Namespaced {

    public static final String GROUP = "scoring.dev";
    public static final String VERSION = "v1alpha1";

    @Override
    protected ScoringFunctionStatus initStatus() {
        return new ScoringFunctionStatus();
    }
}
