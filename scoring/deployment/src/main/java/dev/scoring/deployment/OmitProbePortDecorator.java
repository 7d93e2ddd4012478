package dev.scoring.deployment;

import io.dekorate.kubernetes.decorator.AbstractAddProbeDecorator;
import io.dekorate.kubernetes.decorator.Decorator;
import io.fabric8.kubernetes.api.model.HTTPGetActionFluent;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.quarkus.kubernetes.deployment.ApplyHttpGetActionPortDecorator;

/**
 * Removes the empty port Quarkus leaves on Knative probes. Knative wants the probe port omitted
 * (it probes the serving port), and Quarkus writes {@code port: null}: the API server drops it, but
 * it violates the CRD schema, so strict validators and GitOps diffing tools reject the manifest.
 */
class OmitProbePortDecorator extends Decorator<HTTPGetActionFluent<?>> {

    @Override
    public void visit(HTTPGetActionFluent<?> action) {
        IntOrString port = action.buildPort();
        if (port != null && port.getIntVal() == null && port.getStrVal() == null) {
            action.withPort(null);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<? extends Decorator>[] after() {
        return new Class[] { ApplyHttpGetActionPortDecorator.class, AbstractAddProbeDecorator.class };
    }
}
