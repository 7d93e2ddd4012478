package dev.scoring.functions.wine;

import dev.scoring.testing.KnativeServiceContract;

class WineKnativeServiceIT extends KnativeServiceContract {
}
