package dev.scoring.trainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded train/test split, the same rows for the same seed. Stratified for classification (each
 * class keeps its share in both halves); a plain shuffle for regression.
 *
 * @param train row indices of the training split, ascending
 * @param test row indices of the held-out split, ascending
 */
public record Split(List<Integer> train, List<Integer> test) {

    public static Split stratified(List<String> labels, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), was " + testFraction);
        }
        // TreeMap: classes are visited in a fixed order, so the random draws are reproducible.
        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byClass.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : byClass.values()) {
            List<Integer> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, random);
            int held = (int) Math.round(rows.size() * testFraction);
            test.addAll(shuffled.subList(0, held));
            train.addAll(shuffled.subList(held, shuffled.size()));
        }
        Collections.sort(train);
        Collections.sort(test);
        return new Split(List.copyOf(train), List.copyOf(test));
    }

    /** Holds out {@code round(rows * testFraction)} rows chosen by a seeded shuffle. */
    public static Split shuffled(int rows, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), was " + testFraction);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int held = (int) Math.round(rows * testFraction);
        List<Integer> test = new ArrayList<>(order.subList(0, held));
        List<Integer> train = new ArrayList<>(order.subList(held, rows));
        Collections.sort(train);
        Collections.sort(test);
        return new Split(List.copyOf(train), List.copyOf(test));
    }
}
