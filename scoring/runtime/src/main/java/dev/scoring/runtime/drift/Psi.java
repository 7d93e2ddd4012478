package dev.scoring.runtime.drift;

import java.util.List;

/**
 * Population stability index between an expected distribution (training) and an observed one (live
 * traffic) over the same bins: {@code sum((observed - expected) * ln(observed / expected))}. Both
 * shares are floored at {@link #FLOOR} so that an empty bin gives a large but finite index.
 * <p>
 * Usual reading: below 0.1 no significant shift, 0.1 to 0.25 a moderate shift, above 0.25 a
 * significant shift ({@link #SIGNIFICANT}).
 */
public final class Psi {

    public static final double FLOOR = 1e-4;
    public static final double SIGNIFICANT = 0.25;

    private Psi() {
    }

    public static double of(List<Double> expected, long[] observedCounts, long total) {
        if (total == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int i = 0; i < observedCounts.length; i++) {
            double e = Math.max(expected.get(i), FLOOR);
            double o = Math.max((double) observedCounts[i] / total, FLOOR);
            psi += (o - e) * Math.log(o / e);
        }
        return psi;
    }
}
