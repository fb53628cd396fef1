package dev.vla4j.sim.tasks;

import dev.vla4j.sim.Block;
import dev.vla4j.sim.BlockColor;
import dev.vla4j.sim.BlockShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The LangTable-J suites, grouped like LIBERO (specs/sim.md §5.2). Every task caps each instruction at
 * {@value #STEPS_PER_GOAL} steps (10 s at 10 Hz). Language-Table's eval allows 200, but {@link
 * dev.vla4j.sim.experts.PushExpert} needs at most about 75 and with 200 steps random pushes stumble into the
 * "slightly" (0.15 m) moves a quarter of the time; at 100 every suite stays at or below 10% for the random baseline.
 * Each split ({@link dev.vla4j.sim.Split}) applies to every task.
 * <ul>
 *   <li>{@code langtable-spatial}: where to put a block. BLOCK_4 scenes; tasks {@code block-to-center},
 *       {@code block-to-corner}, {@code block-to-side} (block2absolutelocation, location drawn from the named set),
 *       {@code nudge-block} (block2relativelocation 0.15 m) and {@code push-block-far} (0.25 m).</li>
 *   <li>{@code langtable-object}: which block. Six BLOCK_8 blocks (two of each colour and shape appear, so names
 *       need colour and shape); block2block with a fixed pair per task: {@code red-moon-to-blue-cube},
 *       {@code green-star-to-yellow-pentagon}, {@code blue-moon-to-green-cube}, {@code yellow-star-to-red-pentagon}.
 *       </li>
 *   <li>{@code langtable-goal}: the same BLOCK_4 scenes (always with one touching pair), different goals:
 *       {@code block-to-block}, {@code block-beside-block} (block2block_relative_location),
 *       {@code separate-blocks}, {@code block-to-location} (any of the 9), {@code block-to-relative}.</li>
 *   <li>{@code langtable-long}: {@code chain-2} … {@code chain-5}, 2–5 instructions in a row, each drawn when the
 *       previous one succeeds from block2absolutelocation, block2block, block2relativelocation and
 *       block2block_relative_location; scored CALVIN-style by the number completed.</li>
 * </ul>
 * The perturbation split adds two distractor blocks to every scene.
 */
public final class Suites {
    /** Step cap per goal. */
    public static final int STEPS_PER_GOAL = 100;

    private static final SceneRecipe BLOCK_4 = new SceneRecipe(Block.BLOCK_4, List.of(), 4, false, 2);
    private static final SceneRecipe BLOCK_4_TOUCHING = new SceneRecipe(Block.BLOCK_4, List.of(), 4, true, 2);

    /** All suites, in report order. */
    public static final List<Suite> ALL = List.of(spatial(), object(), goal(), longHorizon());

    private Suites() {
    }

    /** The suite named {@code name}; unknown names list the known ones. */
    public static Suite byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown suite '" + name + "'; known: " + names()));
    }

    /** Names of all suites. */
    public static List<String> names() {
        return ALL.stream().map(Suite::name).toList();
    }

    private static Suite spatial() {
        return new Suite("langtable-spatial", "push a block to an absolute or relative place", List.of(
                single("block-to-center", "block2absolutelocation", "a block to the centre", BLOCK_4,
                        GoalSampler.absolute(List.of(Location.CENTER))),
                single("block-to-corner", "block2absolutelocation", "a block to a corner", BLOCK_4,
                        GoalSampler.absolute(Location.CORNERS)),
                single("block-to-side", "block2absolutelocation", "a block to an edge's middle", BLOCK_4,
                        GoalSampler.absolute(Location.SIDES)),
                single("nudge-block", "block2relativelocation", "a block 0.15 m in a direction", BLOCK_4,
                        GoalSampler.relative(List.of(false))),
                single("push-block-far", "block2relativelocation", "a block 0.25 m in a direction", BLOCK_4,
                        GoalSampler.relative(List.of(true)))));
    }

    private static Suite object() {
        List<TaskSpec> tasks = new ArrayList<>();
        Block[][] pairs = {
            {block(BlockColor.RED, BlockShape.MOON), block(BlockColor.BLUE, BlockShape.CUBE)},
            {block(BlockColor.GREEN, BlockShape.STAR), block(BlockColor.YELLOW, BlockShape.PENTAGON)},
            {block(BlockColor.BLUE, BlockShape.MOON), block(BlockColor.GREEN, BlockShape.CUBE)},
            {block(BlockColor.YELLOW, BlockShape.STAR), block(BlockColor.RED, BlockShape.PENTAGON)}};
        for (Block[] pair : pairs) {
            List<Block> pool = new ArrayList<>(Block.BLOCK_8);
            pool.removeAll(Arrays.asList(pair));
            String name = pair[0].words().replace(' ', '-') + "-to-" + pair[1].words().replace(' ', '-');
            tasks.add(single(name, "block2block", "the " + pair[0].words() + " to the " + pair[1].words(),
                    new SceneRecipe(Arrays.asList(pair), pool, 6, false, 2), GoalSampler.blockToBlock(0, 1)));
        }
        return new Suite("langtable-object", "push a named block to another among look-alikes", tasks);
    }

    private static Suite goal() {
        return new Suite("langtable-goal", "one scene, different goals", List.of(
                single("block-to-block", "block2block", "a block to another", BLOCK_4_TOUCHING,
                        GoalSampler.blockToBlock(-1, -1)),
                single("block-beside-block", "block2block_relative_location", "a block beside another",
                        BLOCK_4_TOUCHING, GoalSampler.beside()),
                single("separate-blocks", "separate_blocks", "a touching block away from the others", BLOCK_4_TOUCHING,
                        GoalSampler.separate()),
                single("block-to-location", "block2absolutelocation", "a block to one of 9 places", BLOCK_4_TOUCHING,
                        GoalSampler.absolute(List.of(Location.values()))),
                single("block-to-relative", "block2relativelocation", "a block 0.15 or 0.25 m in a direction",
                        BLOCK_4_TOUCHING,
                        GoalSampler.relative(List.of(false, true)))));
    }

    private static Suite longHorizon() {
        GoalSampler any = GoalSampler.anyOf(List.of(GoalSampler.absolute(List.of(Location.values())),
                GoalSampler.blockToBlock(-1, -1), GoalSampler.relative(List.of(false, true)), GoalSampler.beside()));
        List<TaskSpec> tasks = new ArrayList<>();
        for (int n = 2; n <= 5; n++) {
            tasks.add(new TaskSpec("chain-" + n, "chain", n + " instructions in a row", BLOCK_4,
                    Collections.nCopies(n, any), STEPS_PER_GOAL));
        }
        return new Suite("langtable-long", "chains of 2-5 instructions, scored by completed length", tasks);
    }

    private static TaskSpec single(String name, String family, String description, SceneRecipe scene,
                                   GoalSampler goal) {
        return new TaskSpec(name, family, description, scene, List.of(goal), STEPS_PER_GOAL);
    }

    private static Block block(BlockColor c, BlockShape s) {
        return new Block(c, s);
    }
}
