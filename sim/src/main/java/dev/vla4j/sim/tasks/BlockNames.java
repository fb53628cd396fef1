package dev.vla4j.sim.tasks;

import dev.vla4j.sim.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Names of a block given what is on the table (Language-Table's rule): "red block" if its colour is unique,
 * "moon" if its shape is unique, and always "red moon".
 */
final class BlockNames {
    private BlockNames() {
    }

    static List<String> synonyms(Block block, List<Block> onTable) {
        long sameColour = onTable.stream().filter(b -> b.color() == block.color()).count();
        long sameShape = onTable.stream().filter(b -> b.shape() == block.shape()).count();
        List<String> names = new ArrayList<>();
        if (sameColour == 1) {
            names.add(block.color().word() + " block");
        }
        if (sameShape == 1) {
            names.add(block.shape().word());
        }
        names.add(block.words());
        return names;
    }

    static String pick(Block block, List<Block> onTable, SplittableRandom rng) {
        return Phrasebook.pick(synonyms(block, onTable), rng);
    }
}
