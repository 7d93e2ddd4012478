package dev.scoring.functions.iris;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies the iris tests send. */
public final class IrisRows {

    public static final String SETOSA = """
            {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}""";
    public static final String VERSICOLOR = """
            {"sepal_length": 6.4, "sepal_width": 3.2, "petal_length": 4.5, "petal_width": 1.5}""";
    public static final String VIRGINICA = """
            {"sepal_length": 7.7, "sepal_width": 3.0, "petal_length": 6.1, "petal_width": 2.3}""";

    private IrisRows() {
    }

    public static Map<String, Object> setosa() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sepal_length", 5.1);
        row.put("sepal_width", 3.5);
        row.put("petal_length", 1.4);
        row.put("petal_width", 0.2);
        return row;
    }
}
