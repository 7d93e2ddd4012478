package dev.scoring.deployment;

/** Rows of the test model (iris) as JSON bodies. */
final class TestRows {

    static final String SETOSA = """
            {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}""";
    static final String VERSICOLOR = """
            {"sepal_length": 6.4, "sepal_width": 3.2, "petal_length": 4.5, "petal_width": 1.5}""";
    static final String VIRGINICA = """
            {"sepal_length": 7.7, "sepal_width": 3.0, "petal_length": 6.1, "petal_width": 2.3}""";

    private TestRows() {
    }
}
