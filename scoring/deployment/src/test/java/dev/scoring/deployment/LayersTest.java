package dev.scoring.deployment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The runtime's layers, checked on its byte code: the core (model loading, validation, prediction,
 * explanation, drift, the scorer and the served model) knows no protocol, and no protocol adapter
 * reaches into another (V2 excepted, see below). A dependency that runs back up fails the build.
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

    /**
     * The Open Inference Protocol rides on HTTP: its routes use the HTTP adapter's request log and failure
     * handler, so {@code v2} may depend on {@code http}, never the reverse. Otherwise no adapter reaches into
     * another.
     */
    @Test
    void noAdapterReachesIntoAnother() {
        noClasses().that().resideInAPackage("dev.scoring.runtime.http..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.scoring.runtime.v2..", "dev.scoring.runtime.kafka..")
                .check(runtime);
        noClasses().that().resideInAPackage("dev.scoring.runtime.kafka..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.scoring.runtime.http..", "dev.scoring.runtime.v2..")
                .check(runtime);
        noClasses().that().resideInAPackage("dev.scoring.runtime.v2..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.scoring.runtime.kafka..")
                .check(runtime);
    }
}
