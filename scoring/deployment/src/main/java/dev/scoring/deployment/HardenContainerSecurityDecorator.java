package dev.scoring.deployment;

import io.dekorate.kubernetes.decorator.ApplicationContainerDecorator;
import io.fabric8.kubernetes.api.model.ContainerFluent;

/**
 * Gives the function's container the restricted Pod Security Standard: non-root, read-only root
 * file system, no privilege escalation, every capability dropped, the runtime's default seccomp
 * profile. Quarkus' own settings cover only the pod-level security context, not these.
 * <p>
 * A read-only root file system is safe because a scoring function writes nothing: the model is read
 * from the class path and Vert.x' file cache is switched off in the extension's defaults.
 */
class HardenContainerSecurityDecorator extends ApplicationContainerDecorator<ContainerFluent<?>> {

    HardenContainerSecurityDecorator(String name) {
        super(name, name);
    }

    @Override
    public void andThenVisit(ContainerFluent<?> container) {
        container.editOrNewSecurityContext()
                .withRunAsNonRoot(true)
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .editOrNewCapabilities().withDrop("ALL").endCapabilities()
                .editOrNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext();
    }
}
