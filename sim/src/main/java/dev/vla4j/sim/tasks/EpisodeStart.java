package dev.vla4j.sim.tasks;

import dev.vla4j.sim.Block;
import dev.vla4j.sim.Board;
import dev.vla4j.sim.Perturbation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The initial state of an episode, drawn from its root random stream. The root is split into fixed sub-streams in
 * a fixed order (layout, first goal, wording, perturbation, then one per later goal of a chain), so the held-in
 * and perturbed splits of a seed share layout and goal, and invalid starts (a block found no free spot, or the
 * first goal is invalid or already nearly satisfied) are redrawn deterministically.
 *
 * @param blocks       kinds on the table (task blocks first, then distractors)
 * @param poses        {x, y, angle} per block
 * @param taskBlocks   how many leading blocks goals may name
 * @param ee           {x, y} of the end effector
 * @param firstGoal    the first instruction's goal
 * @param book         wording of instructions (held-out for perturbed episodes)
 * @param perturbation camera, colours and friction
 * @param words        stream for instruction wording
 * @param laterGoals   one stream per later goal of the chain
 */
public record EpisodeStart(List<Block> blocks, double[][] poses, int taskBlocks, double[] ee, Goal firstGoal,
                           Phrasebook book, Perturbation perturbation, SplittableRandom words,
                           List<SplittableRandom> laterGoals) {
    private static final int MAX_TRIES = 1000;

    /** Draws the start of an episode of {@code task}. */
    public static EpisodeStart draw(TaskSpec task, boolean perturbed, SplittableRandom root) {
        SplittableRandom layoutRng = root.split();
        SplittableRandom goalRng = root.split();
        SplittableRandom words = root.split();
        SplittableRandom perturbRng = root.split();
        List<SplittableRandom> later = new ArrayList<>();
        for (int i = 1; i < task.goals().size(); i++) {
            later.add(root.split());
        }
        SceneRecipe recipe = task.scene();
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            List<Block> blocks = recipe.drawBlocks(layoutRng);
            double[] ee = {Board.X_MIN + 0.03 + 0.03 * layoutRng.nextDouble(), 0.1 * layoutRng.nextDouble() - 0.05};
            List<double[]> poses = new ArrayList<>();
            if (!SceneRecipe.place(poses, blocks.size(), recipe.adjacentPair(), ee[0], ee[1], layoutRng)) {
                continue;
            }
            Optional<Goal> goal = task.goals().get(0).sample(scene(blocks, poses, blocks.size()), goalRng);
            if (goal.isEmpty()) {
                continue;
            }
            int taskBlocks = blocks.size();
            Perturbation perturbation = Perturbation.NONE;
            if (perturbed) {
                addDistractors(recipe, blocks, poses, ee, perturbRng);
                perturbation = Perturbation.draw(perturbRng, blocks.size());
            }
            return new EpisodeStart(List.copyOf(blocks), poses.toArray(new double[0][]), taskBlocks, ee, goal.get(),
                    perturbed ? Phrasebook.HELD_OUT : Phrasebook.HELD_IN, perturbation, words, List.copyOf(later));
        }
        throw new IllegalStateException("task '" + task.name() + "' found no valid start in " + MAX_TRIES
                + " layouts; its goal sampler is too strict for its scenes");
    }

    private static void addDistractors(SceneRecipe recipe, List<Block> blocks, List<double[]> poses, double[] ee,
                                       SplittableRandom rng) {
        List<Block> extra = recipe.drawDistractors(blocks, rng);
        for (int attempt = 0; attempt < 50; attempt++) {
            List<double[]> trial = new ArrayList<>(poses);
            if (SceneRecipe.place(trial, extra.size(), false, ee[0], ee[1], rng)) {
                poses.clear();
                poses.addAll(trial);
                blocks.addAll(extra);
                return;
            }
        }
    }

    /** The scene of {@code poses}. */
    static Scene scene(List<Block> blocks, List<double[]> poses, int taskBlocks) {
        double[][] xy = new double[poses.size()][];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = new double[] {poses.get(i)[0], poses.get(i)[1]};
        }
        return new Scene(blocks, xy, taskBlocks);
    }
}
