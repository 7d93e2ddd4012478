package dev.scoring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RevisionNamesTest {

    @Test
    void theNameIsFunctionModelVersionAndGeneration() {
        assertEquals("iris-2-1-0-00004", RevisionNames.next("iris", "2.1.0", 4));
        assertEquals("iris-00004", RevisionNames.next("iris", null, 4));
        assertEquals("iris-v2-beta-00012", RevisionNames.next("iris", "V2_beta", 12));
    }

    @Test
    void aLongVersionIsCutToADnsLabel() {
        String name = RevisionNames.next("breast-cancer", "2026.11.26-retrained-on-the-full-data-set-with-more-trees", 3);
        assertTrue(name.length() <= RevisionNames.MAX_LENGTH, name);
        assertTrue(name.matches("breast-cancer-[a-z0-9-]+[a-z0-9]-00003"), name);
    }
}
