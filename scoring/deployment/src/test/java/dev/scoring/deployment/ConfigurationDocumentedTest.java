package dev.scoring.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.scoring.runtime.EventTypesConfig;
import dev.scoring.runtime.ScoringConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every key of the extension's configuration roots has a row in docs/configuration.md, with the default
 * the code gives it: a key added, renamed or re-defaulted without its documentation fails the build.
 */
class ConfigurationDocumentedTest {

    private static final Path DOC = Path.of("../../docs/configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

    @Test
    void everyKeyIsDocumentedWithItsDefault() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(DOC));
        while (row.find()) {
            documented.put(row.group(1), row.group(2).trim());
        }
        List<String> problems = new ArrayList<>();
        for (Class<?> root : List.of(ScoringConfig.class, EventTypesConfig.class, ScoringBuildConfig.class)) {
            keys(root.getAnnotation(ConfigMapping.class).prefix(), root).forEach((key, defaultValue) -> {
                if (!documented.containsKey(key)) {
                    problems.add(key + " has no row in " + DOC);
                } else if (defaultValue != null && !documented.get(key).equals("`" + defaultValue + "`")) {
                    problems.add(key + " is documented with default " + documented.get(key) + ", the code says `"
                            + defaultValue + "`");
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    /** The leaf keys under {@code prefix} of a config mapping interface, with their defaults (or null). */
    private static Map<String, String> keys(String prefix, Class<?> mapping) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Method method : mapping.getDeclaredMethods()) {
            if (method.getParameterCount() > 0 || Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            String key = prefix + "." + (name != null ? name.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getName().startsWith("dev.scoring.") && type.isMemberClass()) {
                keys.putAll(keys(key, type));
            } else {
                WithDefault value = method.getAnnotation(WithDefault.class);
                keys.put(key, value == null ? null : value.value());
            }
        }
        return keys;
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
