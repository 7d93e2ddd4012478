package dev.scoring.deployment;

import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The iris model (copied from models/iris by the build) packaged into a test application as a function packages it. */
final class TestModel {

    private TestModel() {
    }

    static JavaArchive packagedInto(JavaArchive root) {
        return root.addAsResource("test-model/descriptor.json", "model/descriptor.json")
                .addAsResource("test-model/model.tribuo", "model/model.tribuo");
    }
}
