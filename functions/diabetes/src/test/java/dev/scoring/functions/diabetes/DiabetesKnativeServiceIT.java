package dev.scoring.functions.diabetes;

import dev.scoring.testing.KnativeServiceContract;

class DiabetesKnativeServiceIT extends KnativeServiceContract {
}
