package dev.scoring.runtime.http;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;

/**
 * The paths of one or more {@code quarkus.http.auth.permission.<name>.paths} entries, matched the way
 * Quarkus matches them: a path ending in {@code /*} covers that prefix and everything under it, any
 * other path only itself.
 */
record ProtectedPaths(List<String> exact, List<String> prefixes) {

    static ProtectedPaths of(Config config, String... permissions) {
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String permission : permissions) {
            config.getOptionalValues("quarkus.http.auth.permission." + permission + ".paths", String.class)
                    .orElse(List.of())
                    .forEach(path -> {
                        if (path.endsWith("/*")) {
                            prefixes.add(path.substring(0, path.length() - 2));
                        } else {
                            exact.add(path);
                        }
                    });
        }
        return new ProtectedPaths(List.copyOf(exact), List.copyOf(prefixes));
    }

    boolean protect(String path) {
        if (exact.contains(path)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
