package dev.scoring.cli;

import java.util.Locale;

/**
 * Explicit revision names for rollouts: {@code <function>-<model version>-<generation>}, e.g.
 * {@code iris-2-1-0-00004}. Knative wants a revision name to start with the service's name, to
 * be a DNS label (lower case letters, digits and '-', at most 63 characters) and to be new.
 */
final class RevisionNames {

    static final int MAX_LENGTH = 63;

    private RevisionNames() {
    }

    static String next(String function, String modelVersion, long nextGeneration) {
        String suffix = String.format(Locale.ROOT, "%05d", nextGeneration);
        String slug = modelVersion == null ? "" : slug(modelVersion);
        String name = slug.isEmpty() ? function + "-" + suffix : function + "-" + slug + "-" + suffix;
        if (name.length() > MAX_LENGTH) {
            int room = MAX_LENGTH - function.length() - suffix.length() - 2;
            if (room < 1) {
                throw new CliException(CliException.FAILED, "function name '" + function
                        + "' leaves no room for a revision name of at most " + MAX_LENGTH + " characters");
            }
            name = function + "-" + slug.substring(0, room).replaceAll("-+$", "") + "-" + suffix;
        }
        return name;
    }

    /** {@code 2.1.0} becomes {@code 2-1-0}; {@code V2_beta} becomes {@code v2-beta}. */
    static String slug(String version) {
        return version.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}
