package dev.scoring.runtime.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AotCacheCheckTest {

    private static final String MAPPED = "mixed mode, sharing";
    private static final String NOT_MAPPED = "mixed mode";

    @Test
    void aCacheTheJvmCouldNotMapIsReported() {
        assertEquals(Optional.of("/home/jboss/app.aot"), AotCacheCheck.unusedCache(
                () -> List.of("java", "-XX:AOTCache=/home/jboss/app.aot", "-jar", "quarkus-run.jar"), NOT_MAPPED));
    }

    @Test
    void aMappedCacheIsNotReported() {
        assertTrue(AotCacheCheck.unusedCache(() -> List.of("java", "-XX:AOTCache=app.aot", "-jar", "quarkus-run.jar"),
                MAPPED).isEmpty());
    }

    @Test
    void noCacheAskedForIsNotReported() {
        assertTrue(AotCacheCheck.unusedCache(() -> List.of("java", "-jar", "quarkus-run.jar"), NOT_MAPPED).isEmpty());
    }

    @Test
    void aCacheSwitchedOffOnPurposeIsNotReported() {
        // the image check's comparison run: JAVA_TOOL_OPTIONS=-XX:AOTMode=off read before the image's -XX:AOTCache
        assertTrue(AotCacheCheck.unusedCache(() -> List.of("-XX:AOTMode=off", "java", "-XX:AOTCache=app.aot", "-jar",
                "quarkus-run.jar"), NOT_MAPPED).isEmpty());
    }

    @Test
    void theLastCacheOptionCounts() {
        assertEquals(Optional.of("b.aot"), AotCacheCheck.unusedCache(
                () -> List.of("-XX:AOTCache=a.aot", "java", "-XX:AOTCache=b.aot", "-jar", "quarkus-run.jar"), NOT_MAPPED));
    }
}
