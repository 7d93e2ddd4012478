package dev.scoring.deployment;

/** Reads a failed build the way a user reads it: every message of the cause chain. */
final class BuildFailures {

    private BuildFailures() {
    }

    static String messagesOf(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
