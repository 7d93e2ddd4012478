package dev.scoring.operator;

import java.util.Optional;

import io.fabric8.knative.pkg.apis.Condition;
import io.fabric8.knative.serving.v1.Revision;

/** What Knative says of one revision: ready, failed (and why), or not decided yet. */
record RevisionState(Kind kind, String message) {

    enum Kind {
        READY,
        FAILED,
        PENDING
    }

    static final RevisionState PENDING = new RevisionState(Kind.PENDING, "");

    /** From the revision's {@code Ready} condition; a revision Knative has not created yet is pending. */
    static RevisionState of(Optional<Revision> revision) {
        return revision.map(RevisionState::readyCondition)
                .map(ready -> switch (ready.getStatus()) {
                    case "True" -> new RevisionState(Kind.READY, "");
                    case "False" -> new RevisionState(Kind.FAILED, describe(ready));
                    default -> PENDING;
                })
                .orElse(PENDING);
    }

    private static Condition readyCondition(Revision revision) {
        if (revision.getStatus() == null || revision.getStatus().getConditions() == null) {
            return null;
        }
        return revision.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .findFirst()
                .orElse(null);
    }

    private static String describe(Condition ready) {
        String reason = ready.getReason() == null ? "" : ready.getReason();
        String message = ready.getMessage() == null ? "" : ready.getMessage();
        return reason.isEmpty() ? message : message.isEmpty() ? reason : reason + ": " + message;
    }

    boolean ready() {
        return kind == Kind.READY;
    }

    boolean failed() {
        return kind == Kind.FAILED;
    }
}
