package dev.scoring.operator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * A status' conditions in the Kubernetes convention: one per type, each with status True, False or Unknown, a
 * CamelCase reason and a message for people; the transition time moves only when the status does.
 */
final class Conditions {

    private final List<Condition> conditions;
    private final long generation;
    private final Instant now;

    Conditions(List<Condition> previous, long generation, Instant now) {
        this.conditions = new ArrayList<>(previous == null ? List.of() : previous);
        this.generation = generation;
        this.now = now;
    }

    Conditions set(String type, Boolean status, String reason, String message) {
        String value = status == null ? "Unknown" : status ? "True" : "False";
        Condition previous = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String since = previous != null && value.equals(previous.getStatus())
                ? previous.getLastTransitionTime()
                : now.toString();
        Condition condition = new ConditionBuilder()
                .withType(type)
                .withStatus(value)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(since)
                .build();
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(condition);
        return this;
    }

    List<Condition> list() {
        return List.copyOf(conditions);
    }

    static String statusOf(List<Condition> conditions, String type) {
        return conditions == null ? null
                : conditions.stream().filter(c -> Objects.equals(type, c.getType())).map(Condition::getStatus)
                        .findFirst().orElse(null);
    }
}
