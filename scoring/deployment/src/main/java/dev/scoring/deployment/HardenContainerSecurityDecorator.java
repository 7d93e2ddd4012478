package dev.scoring.deployment;

import dev.scoring.manifests.FunctionService;
import io.dekorate.kubernetes.decorator.ApplicationContainerDecorator;
import io.fabric8.kubernetes.api.model.ContainerFluent;

/**
 * Gives the function's container the restricted Pod Security Standard
 * ({@link FunctionService#restrictedSecurityContext()}); Quarkus' own settings cover only the pod-level
 * security context, not these.
 */
class HardenContainerSecurityDecorator extends ApplicationContainerDecorator<ContainerFluent<?>> {

    HardenContainerSecurityDecorator(String name) {
        super(name, name);
    }

    @Override
    public void andThenVisit(ContainerFluent<?> container) {
        container.withSecurityContext(FunctionService.restrictedSecurityContext());
    }
}
