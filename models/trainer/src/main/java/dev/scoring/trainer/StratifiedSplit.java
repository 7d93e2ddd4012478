package dev.scoring.trainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded, stratified train/test split: each class keeps its share in both halves, and the same
 * seed always holds out the same rows.
 *
 * @param train row indices of the training split, ascending
 * @param test row indices of the held-out split, ascending
 */
public record StratifiedSplit(List<Integer> train, List<Integer> test) {

    public static StratifiedSplit of(List<String> labels, double testFraction, long seed) {
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
        return new StratifiedSplit(List.copyOf(train), List.copyOf(test));
    }
}
