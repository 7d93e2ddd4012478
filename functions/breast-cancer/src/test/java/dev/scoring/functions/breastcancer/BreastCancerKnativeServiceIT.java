package dev.scoring.functions.breastcancer;

import dev.scoring.testing.KnativeServiceContract;

class BreastCancerKnativeServiceIT extends KnativeServiceContract {
}
