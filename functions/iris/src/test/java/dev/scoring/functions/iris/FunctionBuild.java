package dev.scoring.functions.iris;

import java.io.File;

import io.quarkus.test.QuarkusProdModeTest;

/**
 * Quarkus' production build of this function from a test: the function's own
 * application.properties and packaged model (what {@code ./mvnw package} builds), with the
 * test's configuration on top.
 */
final class FunctionBuild {

    private FunctionBuild() {
    }

    static QuarkusProdModeTest of(String function) {
        return new QuarkusProdModeTest()
                .setApplicationName(function)
                .setApplicationVersion("0.1.0-SNAPSHOT")
                .withApplicationRoot(jar -> jar
                        .addAsResource(new File("src/main/resources/application.properties"), "application.properties")
                        .addAsResource(new File("target/classes/model/descriptor.json"), "model/descriptor.json")
                        .addAsResource(new File("target/classes/model/model.tribuo"), "model/model.tribuo"));
    }
}
