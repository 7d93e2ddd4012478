package dev.scoring.trainer;

import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/** Builds the Tribuo trainer a spec asks for. Every random choice is seeded from the spec. */
final class Algorithms {

    /** Large, so that SGD does not log a line every few examples. */
    private static final int LOGGING_INTERVAL = 1_000_000;

    private Algorithms() {
    }

    static Trainer<Label> classification(ModelSpec spec) {
        ModelSpec.Algorithm a = spec.algorithm();
        long seed = spec.split().seed();
        Trainer<Label> trainer = switch (a.name()) {
            case "logistic-regression" -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
                    new LogMulticlass(), new AdaGrad(a.learningRate(), 1e-6), a.epochs(), LOGGING_INTERVAL,
                    Math.max(1, a.minibatchSize()), seed);
            case "random-forest" -> new RandomForestTrainer<>(
                    new CARTClassificationTrainer(a.maxDepth(), (float) a.featureFraction(), seed),
                    new VotingCombiner(), a.trees(), seed);
            default -> throw new IllegalArgumentException("classification algorithm '" + a.name()
                    + "' is not supported; use 'logistic-regression' or 'random-forest'");
        };
        return standardized(trainer, a);
    }

    static Trainer<Regressor> regression(ModelSpec spec) {
        ModelSpec.Algorithm a = spec.algorithm();
        if (!"linear-regression".equals(a.name())) {
            throw new IllegalArgumentException("regression algorithm '" + a.name()
                    + "' is not supported; use 'linear-regression'");
        }
        Trainer<Regressor> trainer = new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(),
                new AdaGrad(a.learningRate(), 1e-6), a.epochs(), LOGGING_INTERVAL, Math.max(1, a.minibatchSize()),
                spec.split().seed());
        return standardized(trainer, a);
    }

    /**
     * Wraps the trainer so that features are standardized with the training split's statistics; the
     * resulting model stores them and applies them to every example it scores.
     */
    private static <T extends Output<T>> Trainer<T> standardized(Trainer<T> trainer, ModelSpec.Algorithm a) {
        if (!a.standardize()) {
            return trainer;
        }
        return new TransformTrainer<>(trainer, new TransformationMap(java.util.List.of(new MeanStdDevTransformation())));
    }
}
