package dev.scoring.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Whether resources rendered from settings are the resources a build wrote: the same kinds and names, the same
 * Knative Service field for field and the same specs. Quarkus' information about the build itself (version, commit,
 * time) and the common labels it puts on every resource are not settings and are left out.
 */
public final class SameResources {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BUILD_ANNOTATIONS = List.of("app.quarkus.io/quarkus-version",
            "app.quarkus.io/commit-id", "app.quarkus.io/vcs-uri", "app.quarkus.io/build-timestamp");
    private static final List<String> BUILD_LABELS = List.of("app.kubernetes.io/managed-by", "app.kubernetes.io/version");

    private SameResources() {
    }

    /** The first way {@code rendered} differs from {@code built}, in words; empty when they are the same. */
    public static Optional<String> firstDifference(List<JsonNode> built, List<? extends HasMetadata> rendered) {
        for (HasMetadata resource : rendered) {
            String what = resource.getKind() + " " + resource.getMetadata().getName();
            Optional<JsonNode> counterpart = find(built, resource.getKind(), resource.getMetadata().getName());
            if (counterpart.isEmpty()) {
                return Optional.of("the build writes no " + what);
            }
            JsonNode mine = normalised(resource);
            JsonNode theirs = normalised(counterpart.get());
            Optional<String> difference = "Service".equals(resource.getKind())
                    ? firstDifference("", withoutBuildInformation(theirs), withoutBuildInformation(mine))
                    : firstDifference("spec", theirs.path("spec"), mine.path("spec"))
                            .or(() -> labelsMissing(theirs, mine));
            if (difference.isPresent()) {
                return Optional.of(what + ": " + difference.get());
            }
        }
        for (JsonNode resource : built) {
            String kind = resource.path("kind").asText();
            String name = resource.at("/metadata/name").asText();
            if (rendered.stream().noneMatch(r -> r.getKind().equals(kind) && r.getMetadata().getName().equals(name))) {
                return Optional.of("the build also writes " + kind + " " + name);
            }
        }
        return Optional.empty();
    }

    /** The build's Service as settings decide it: without Quarkus' labels and annotations about the build. */
    public static JsonNode withoutBuildInformation(JsonNode service) {
        ObjectNode copy = service.deepCopy();
        for (String metadata : List.of("/metadata", "/spec/template/metadata")) {
            if (copy.at(metadata) instanceof ObjectNode node) {
                if (node.path("annotations") instanceof ObjectNode annotations) {
                    annotations.remove(BUILD_ANNOTATIONS);
                }
                if (node.path("labels") instanceof ObjectNode labels) {
                    labels.remove(BUILD_LABELS);
                }
            }
        }
        return copy;
    }

    /** As JSON text reads back, so that a number is the same node whichever Java type held it. */
    private static JsonNode normalised(Object resource) {
        try {
            return JSON.readTree(JSON.writeValueAsBytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<JsonNode> find(List<JsonNode> resources, String kind, String name) {
        return resources.stream()
                .filter(r -> kind.equals(r.path("kind").asText()) && name.equals(r.at("/metadata/name").asText()))
                .findFirst();
    }

    private static Optional<String> labelsMissing(JsonNode theirs, JsonNode mine) {
        for (Iterator<Map.Entry<String, JsonNode>> labels = mine.at("/metadata/labels").fields(); labels.hasNext();) {
            Map.Entry<String, JsonNode> label = labels.next();
            if (!label.getValue().equals(theirs.at("/metadata/labels").path(label.getKey()))) {
                return Optional.of("label " + label.getKey() + " is " + theirs.at("/metadata/labels").path(label.getKey())
                        + ", not " + label.getValue());
            }
        }
        return Optional.empty();
    }

    /** The path of the first field that differs, with both values. */
    private static Optional<String> firstDifference(String path, JsonNode theirs, JsonNode mine) {
        if (theirs.equals(mine)) {
            return Optional.empty();
        }
        if (theirs.isObject() && mine.isObject()) {
            Set<String> names = new TreeSet<>();
            theirs.fieldNames().forEachRemaining(names::add);
            mine.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                Optional<String> difference = firstDifference(path + "/" + name, theirs.path(name), mine.path(name));
                if (difference.isPresent()) {
                    return difference;
                }
            }
        }
        if (theirs.isArray() && mine.isArray() && theirs.size() == mine.size()) {
            for (int i = 0; i < theirs.size(); i++) {
                Optional<String> difference = firstDifference(path + "/" + i, theirs.get(i), mine.get(i));
                if (difference.isPresent()) {
                    return difference;
                }
            }
        }
        return Optional.of(path + " is " + text(theirs) + " in the build, " + text(mine) + " rendered");
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() ? "absent" : node.toString();
    }
}
