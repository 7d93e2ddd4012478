package dev.scoring.deployment;

import java.util.Map;

import dev.scoring.manifests.FunctionService;
import io.dekorate.kubernetes.decorator.Decorator;
import io.dekorate.kubernetes.decorator.NamedResourceDecorator;
import io.dekorate.kubernetes.decorator.ResourceProvidingDecorator;
import io.fabric8.knative.serving.v1.ServiceFluent;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * What Quarkus' Knative settings leave out: revision annotations for the initial scale and the
 * scale-down delay, and {@code enableServiceLinks: false}. Service links make the kubelet inject an
 * environment variable for every Service in the namespace into every container it starts: a cost at
 * each cold start that grows with the namespace, for variables a function never reads.
 */
class ServingDefaultsDecorator extends NamedResourceDecorator<ServiceFluent<?>> {

    private final Map<String, String> revisionAnnotations;
    private final String topologyKey; // null: no spread constraint

    ServingDefaultsDecorator(String name, Map<String, String> revisionAnnotations, String topologyKey) {
        super(name);
        this.revisionAnnotations = revisionAnnotations;
        this.topologyKey = topologyKey;
    }

    @Override
    public void andThenVisit(ServiceFluent<?> service, ObjectMeta meta) {
        var spec = service.editOrNewSpec()
                .editOrNewTemplate()
                .editOrNewMetadata().addToAnnotations(revisionAnnotations).endMetadata()
                .editOrNewSpec().withEnableServiceLinks(false);
        if (topologyKey != null) {
            spec = spec.addToTopologySpreadConstraints(FunctionService.topologySpread(meta.getName(), topologyKey));
        }
        spec.endSpec().endTemplate().endSpec();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<? extends Decorator>[] after() {
        return new Class[] { ResourceProvidingDecorator.class };
    }
}
