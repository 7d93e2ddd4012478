package dev.scoring.deployment;

import java.util.List;

import io.dekorate.kubernetes.decorator.ResourceProvidingDecorator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;

/**
 * Adds resources made by {@code dev.scoring.manifests} (the code the operator reconciles with too) to the
 * generated manifest of a target.
 */
class AddResourcesDecorator extends ResourceProvidingDecorator<KubernetesListBuilder> {

    private final List<GenericKubernetesResource> resources;

    AddResourcesDecorator(List<GenericKubernetesResource> resources) {
        this.resources = List.copyOf(resources);
    }

    @Override
    public void visit(KubernetesListBuilder list) {
        resources.forEach(list::addToItems);
    }
}
