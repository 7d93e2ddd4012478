package dev.scoring.runtime.jvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Says once, at WARN in the function's own log, when the JVM was asked to start from an AOT cache
 * ({@code -XX:AOTCache}, Java 25) and could not use it: a cache written by another JVM build, for other jars, or
 * damaged. The JVM then starts without it, correctly but as slowly as with no cache at all, and only its own
 * start-up lines on the console say why; this line is where an operator reading the function's logs sees it.
 * <p>
 * A JVM that mapped its cache reports {@code sharing} in {@code java.vm.info}; one that could not map it does not.
 */
@ApplicationScoped
class AotCacheCheck {

    private static final Logger LOG = Logger.getLogger(AotCacheCheck.class);
    private static final String CACHE_OPTION = "-XX:AOTCache=";

    void onStart(@Observes StartupEvent start) {
        if (ImageMode.current() == ImageMode.NATIVE_RUN) {
            return;
        }
        unusedCache(AotCacheCheck::jvmArguments, System.getProperty("java.vm.info", "")).ifPresent(cache -> LOG.warnf(
                "The AOT cache %s could not be used (written by another JVM build or for other jars, or damaged:"
                        + " the JVM's own lines at start say which); the function runs without it, only its start"
                        + " is slower. Build the image again to write a new cache.", cache));
    }

    /**
     * @param jvmArguments the options the JVM was started with, in order; read only when the JVM maps no shared
     *        archive (most starts map one, the default CDS archive included), so a start does not pay for them
     * @param vmInfo the JVM's {@code java.vm.info}
     * @return the cache the JVM was asked for and did not map, or empty when it mapped it or was asked for none
     */
    static Optional<String> unusedCache(Supplier<List<String>> jvmArguments, String vmInfo) {
        if (vmInfo.contains("sharing")) {
            return Optional.empty();
        }
        String cache = null;
        boolean switchedOff = false;
        for (String argument : jvmArguments.get()) {
            if (argument.startsWith(CACHE_OPTION)) {
                cache = argument.substring(CACHE_OPTION.length());
            } else if (argument.startsWith("-XX:AOTMode=")) {
                switchedOff = argument.equals("-XX:AOTMode=off");
            }
        }
        if (cache == null || cache.isEmpty() || switchedOff) {
            return Optional.empty();
        }
        return Optional.of(cache);
    }

    /** The JVM's options in the order it reads them: the environment's first, then the command line. */
    private static List<String> jvmArguments() {
        List<String> arguments = new ArrayList<>();
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            String options = System.getenv(variable);
            if (options != null && !options.isBlank()) {
                arguments.addAll(List.of(options.trim().split("\\s+")));
            }
        }
        ProcessHandle.current().info().arguments().ifPresent(command -> arguments.addAll(List.of(command)));
        return arguments;
    }
}
