package dev.scoring.deployment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The runtime's layers, checked on its byte code: the core (model loading, validation, prediction,
 * explanation, drift, the scorer and the served model) knows no protocol, and no protocol adapter
 * reaches into another. A dependency that runs back up fails the build.
 */
class LayersTest {

    private static final String[] CORE = { "dev.scoring.runtime.model..", "dev.scoring.runtime.predict..",
            "dev.scoring.runtime.validation..", "dev.scoring.runtime.explain..", "dev.scoring.runtime.drift.." };
    private static final String[] ADAPTERS = { "dev.scoring.runtime.http..", "dev.scoring.runtime.v2..",
            "dev.scoring.runtime.kafka.." };
    private static final String[] PROTOCOL_LIBRARIES = { "io.vertx..", "io.quarkus.funqy..", "io.cloudevents..",
            "io.smallrye.reactive.messaging..", "org.apache.kafka..", "org.eclipse.microprofile.reactive.messaging.." };

    private final JavaClasses runtime = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.scoring.runtime");

    @Test
    void theCoreDependsOnNoAdapterAndNoProtocolLibrary() {
        noClasses().that().resideInAnyPackage(CORE)
                .or().haveFullyQualifiedName("dev.scoring.runtime.ScoringService")
                .or().haveFullyQualifiedName("dev.scoring.runtime.ServedModel")
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .orShould().dependOnClassesThat().resideInAnyPackage(PROTOCOL_LIBRARIES)
                .check(runtime);
    }

    @Test
    void noAdapterReachesIntoAnother() {
        for (String adapter : ADAPTERS) {
            String[] others = java.util.Arrays.stream(ADAPTERS).filter(a -> !a.equals(adapter)).toArray(String[]::new);
            noClasses().that().resideInAPackage(adapter)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(runtime);
        }
    }
}
