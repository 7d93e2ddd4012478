package dev.scoring.runtime.explain;

import dev.scoring.runtime.ScoreResult;

/** Explains one scored row. */
public interface Explainer {

    /**
     * @param names feature names, in the order of {@code values}
     * @param values the row's validated feature values
     * @param prediction what the model answered for it
     */
    Explanation explain(String[] names, double[] values, ScoreResult prediction);
}
