package dev.scoring.deployment;

import io.dekorate.kubernetes.decorator.ApplicationContainerDecorator;
import io.dekorate.kubernetes.decorator.ApplyLimitsMemoryDecorator;
import io.dekorate.kubernetes.decorator.ApplyRequestsMemoryDecorator;
import io.dekorate.kubernetes.decorator.Decorator;
import io.fabric8.kubernetes.api.model.ContainerFluent;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Sizes the container of a native build for the native executable instead of a JVM: a native
 * function needs a fraction of the JVM's memory, and the request is what the scheduler reserves for
 * every instance a burst adds. Runs after Quarkus' own memory settings (the JVM's), which it replaces.
 */
class NativeMemoryDecorator extends ApplicationContainerDecorator<ContainerFluent<?>> {

    private final String request;
    private final String limit;

    NativeMemoryDecorator(String name, String request, String limit) {
        super(name, name);
        this.request = request;
        this.limit = limit;
    }

    @Override
    public void andThenVisit(ContainerFluent<?> container) {
        container.editOrNewResources()
                .addToRequests("memory", new Quantity(request))
                .addToLimits("memory", new Quantity(limit))
                .endResources();
    }

    @Override
    public Class<? extends Decorator>[] after() {
        return new Class[] { ApplyRequestsMemoryDecorator.class, ApplyLimitsMemoryDecorator.class };
    }
}
