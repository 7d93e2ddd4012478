package dev.scoring.deployment;

import io.dekorate.kubernetes.decorator.ApplyReplicasToDeploymentDecorator;
import io.dekorate.kubernetes.decorator.Decorator;
import io.dekorate.kubernetes.decorator.NamedResourceDecorator;
import io.dekorate.kubernetes.decorator.ResourceProvidingDecorator;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecFluent;

/**
 * Drops {@code replicas} from the Deployment KEDA scales. KEDA (through its HPA) owns the replica
 * count; a count in the manifest would reset it on every apply, waking a function scaled to zero.
 */
class LeaveReplicasToKedaDecorator extends NamedResourceDecorator<DeploymentSpecFluent<?>> {

    LeaveReplicasToKedaDecorator(String deployment) {
        super("Deployment", deployment);
    }

    @Override
    public void andThenVisit(DeploymentSpecFluent<?> spec, ObjectMeta meta) {
        spec.withReplicas(null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<? extends Decorator>[] after() {
        return new Class[] { ResourceProvidingDecorator.class, ApplyReplicasToDeploymentDecorator.class };
    }
}
