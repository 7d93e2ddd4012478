package dev.scoring.deployment;

import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The iris model (copied from models/iris by the build) packaged into a test application as a function packages it. */
final class TestModel {

    private TestModel() {
    }

    static JavaArchive packagedInto(JavaArchive root) {
        // The test class is loaded again inside the application, where it reaches this class: ship it too.
        return root.addClass(TestModel.class)
                .addAsResource("test-model/descriptor.json", "model/descriptor.json")
                .addAsResource("test-model/model.tribuo", "model/model.tribuo");
    }
}
