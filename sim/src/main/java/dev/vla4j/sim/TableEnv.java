package dev.vla4j.sim;

import dev.vla4j.sim.physics.PlanarWorld;
import dev.vla4j.sim.render.TopDownRenderer;
import dev.vla4j.sim.tasks.EpisodeStart;
import dev.vla4j.sim.tasks.Goal;
import dev.vla4j.sim.tasks.Phrasebook;
import dev.vla4j.sim.tasks.Scene;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.Suites;
import dev.vla4j.sim.tasks.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The planar Language-Table environment for one task of one suite and split. {@link #reset(long)} starts episode
 * {@code seed}; {@link #step(float[])} applies a 2-D end-effector displacement, clamped to ±{@value #MAX_DELTA_M} m
 * per axis and to the board, over one 10 Hz control period of physics substeps. An episode is a pure function of
 * (suite, task, split, seed, actions). Not thread-safe: use one environment per thread.
 */
public final class TableEnv {
    /** Largest displacement per step and axis, metres (Language-Table's action box). */
    public static final double MAX_DELTA_M = 0.1;
    private static final int MAX_LATER_GOAL_TRIES = 200;

    private final Suite suite;
    private final TaskSpec task;
    private final Split split;
    private final EnvConfig config;

    private List<Block> blocks;
    private double[] radii;
    private int taskBlocks;
    private PlanarWorld world;
    private TopDownRenderer renderer;
    private Phrasebook book;
    private SplittableRandom words;
    private List<SplittableRandom> laterGoals;
    private Goal goal;
    private String instruction;
    private int completed;
    private int steps;
    private int stepsInGoal;
    private float vx;
    private float vy;
    private boolean done = true;
    private boolean started;

    /** An environment for {@code task} of {@code suite}; unknown names fail listing the known ones. */
    public TableEnv(String suite, String task, Split split, EnvConfig config) {
        this(Suites.byName(suite), Suites.byName(suite).task(task), split, config);
    }

    /** An environment for a task spec of a suite. */
    public TableEnv(Suite suite, TaskSpec task, Split split, EnvConfig config) {
        this.suite = suite;
        this.task = task;
        this.split = split;
        this.config = config;
    }

    /** The task this environment runs. */
    public TaskSpec task() {
        return task;
    }

    /** Starts episode {@code seed} and returns the first observation. */
    public Observation reset(long seed) {
        EpisodeStart s = EpisodeStart.draw(task, split == Split.PERTURBED, SeedTree.episode(suite.name(),
                task.name(), seed));
        blocks = s.blocks();
        taskBlocks = s.taskBlocks();
        radii = blocks.stream().mapToDouble(b -> b.shape().radius()).toArray();
        List<PlanarWorld.BlockBody> bodies = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            double[] p = s.poses()[i];
            bodies.add(new PlanarWorld.BlockBody(blocks.get(i).shape().hull(), p[0], p[1], p[2],
                    s.perturbation().friction(i)));
        }
        world = new PlanarWorld(bodies, s.ee()[0], s.ee()[1], config.substeps());
        renderer = new TopDownRenderer(config.imageSize(), s.perturbation().camera(), s.perturbation().palette());
        book = s.book();
        words = s.words();
        laterGoals = s.laterGoals();
        goal = s.firstGoal();
        instruction = goal.instruction(book, scene(), words);
        completed = 0;
        steps = 0;
        stepsInGoal = 0;
        vx = 0;
        vy = 0;
        done = false;
        started = true;
        return observe();
    }

    /**
     * Applies {@code action} = {dx, dy} (metres) and advances one control step.
     *
     * @throws IllegalArgumentException if the action is not two finite numbers (the state is left untouched)
     * @throws IllegalStateException    before the first reset or after the episode is done
     */
    public StepResult step(float[] action) {
        if (action == null || action.length != 2) {
            throw new IllegalArgumentException("an action is 2 numbers {dx, dy} in metres, got "
                    + (action == null ? "null" : action.length + " numbers"));
        }
        if (!Float.isFinite(action[0]) || !Float.isFinite(action[1])) {
            throw new IllegalArgumentException("action must be finite, got {" + action[0] + ", " + action[1] + "}");
        }
        if (!started) {
            throw new IllegalStateException("call reset(seed) before step()");
        }
        if (done) {
            throw new IllegalStateException("the episode is over; call reset(seed) to start another");
        }
        double fromX = world.eeX();
        double fromY = world.eeY();
        world.moveEffector(target(action[0], fromX, Board.X_MIN, Board.X_MAX),
                target(action[1], fromY, Board.Y_MIN, Board.Y_MAX));
        vx = (float) ((world.eeX() - fromX) / PlanarWorld.CONTROL_PERIOD_S);
        vy = (float) ((world.eeY() - fromY) / PlanarWorld.CONTROL_PERIOD_S);
        steps++;
        stepsInGoal++;
        double reward = 0;
        Scene scene = scene();
        if (goal.satisfied(scene)) {
            reward = 1;
            completed++;
            if (completed == task.goals().size()) {
                done = true;
            } else {
                goal = nextGoal(scene);
                instruction = goal.instruction(book, scene, words);
                stepsInGoal = 0;
            }
        }
        if (stepsInGoal >= task.stepsPerGoal()) {
            done = true;
        }
        boolean success = completed == task.goals().size();
        return new StepResult(observe(), reward, done, success, Map.of("completed", completed,
                "goals", task.goals().size(), "step", steps, "family", goal.family()));
    }

    /**
     * The displacement that {@code step(action)} would apply now: each axis clamped to ±{@value #MAX_DELTA_M} m,
     * then shortened so that the end effector stays on the board (what a dataset records as the action).
     */
    public float[] appliedAction(float[] action) {
        requireStarted();
        return new float[] {(float) (target(action[0], world.eeX(), Board.X_MIN, Board.X_MAX) - world.eeX()),
            (float) (target(action[1], world.eeY(), Board.Y_MIN, Board.Y_MAX) - world.eeY())};
    }

    /** Where one axis of the effector is sent: {@code from} plus the action clamped per step, kept on the board. */
    private static double target(float action, double from, double low, double high) {
        return Board.clamp(from + Board.clamp(action, -MAX_DELTA_M, MAX_DELTA_M), low, high);
    }

    private Goal nextGoal(Scene scene) {
        SplittableRandom rng = laterGoals.get(completed - 1);
        for (int i = 0; i < MAX_LATER_GOAL_TRIES; i++) {
            Optional<Goal> g = task.goals().get(completed).sample(scene, rng);
            if (g.isPresent()) {
                return g.get();
            }
        }
        throw new IllegalStateException("no valid goal " + (completed + 1) + " of task '" + task.name()
                + "' in " + MAX_LATER_GOAL_TRIES + " draws");
    }

    /** Privileged state of the current episode (for experts). */
    public EnvState state() {
        requireStarted();
        double[][] poses = new double[blocks.size()][];
        for (int i = 0; i < poses.length; i++) {
            poses[i] = world.blockPose(i);
        }
        return new EnvState(blocks, poses, radii.clone(), world.eeX(), world.eeY(), goal, scene(), completed,
                task.goals().size());
    }

    /** Names of {@link #blockImagePositions()}'s values: u, v and present for each kind of {@link Block#BLOCK_8}. */
    public static final List<String> BLOCK_IMAGE_POSITION_NAMES = Block.BLOCK_8.stream()
            .flatMap(b -> java.util.stream.Stream.of("u", "v", "present").map(v -> b.words().replace(' ', '_') + "_" + v))
            .toList();

    /**
     * Where every block's centre appears in the camera image, by kind: (u, v, 1) for each kind of
     * {@link Block#BLOCK_8} on the table, u = 2·column/width − 1 (left to right) and v = 2·row/height − 1 (top to
     * bottom), both in [-1, 1] inside the image; (0, 0, 0) for kinds the scene lacks. Simulator-only, recorded to teach
     * a network where things are in its image (never a policy input).
     */
    public float[] blockImagePositions() {
        EnvState state = state();
        float[] positions = new float[3 * Block.BLOCK_8.size()];
        for (int i = 0; i < state.blocks().size(); i++) {
            int kind = Block.BLOCK_8.indexOf(state.blocks().get(i));
            imagePosition(state.poses()[i][0], state.poses()[i][1], positions, 3 * kind);
            positions[3 * kind + 2] = 1;
        }
        return positions;
    }

    /** Names of {@link #goalImagePositions()}'s values. */
    public static final List<String> GOAL_IMAGE_POSITION_NAMES = List.of("block_u", "block_v", "target_u", "target_v",
            "aim_u", "aim_v");

    /**
     * The points of {@link EnvState#environmentState()} (the named block, its target, the aim) where the camera image
     * shows them, in {@link #blockImagePositions()}' convention. Simulator-only supervision, never a policy input.
     */
    public float[] goalImagePositions() {
        float[] metres = state().environmentState();
        float[] positions = new float[metres.length];
        for (int i = 0; i < metres.length; i += 2) {
            imagePosition(metres[i], metres[i + 1], positions, i);
        }
        return positions;
    }

    /** Writes (u, v) in [-1, 1] of the board point (x, y) to {@code out} at {@code offset}. */
    private void imagePosition(double x, double y, float[] out, int offset) {
        double[] pixel = renderer.project(x, y);
        out[offset] = (float) (2 * pixel[0] / renderer.size() - 1);
        out[offset + 1] = (float) (2 * pixel[1] / renderer.size() - 1);
    }

    /** Pixel {column, row} where the board point (x, y) appears in this episode's images. */
    public double[] projectToPixel(double x, double y) {
        requireStarted();
        return renderer.project(x, y);
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("call reset(seed) first");
        }
    }

    private Scene scene() {
        double[][] xy = new double[blocks.size()][];
        for (int i = 0; i < xy.length; i++) {
            double[] p = world.blockPose(i);
            xy[i] = new double[] {p[0], p[1]};
        }
        return new Scene(blocks, xy, taskBlocks);
    }

    private Observation observe() {
        double[][] poses = new double[blocks.size()][];
        for (int i = 0; i < poses.length; i++) {
            poses[i] = world.blockPose(i);
        }
        byte[] rgb = renderer.render(blocks, poses, world.eeX(), world.eeY());
        float[] proprio = {(float) world.eeX(), (float) world.eeY(), vx, vy};
        return new Observation(rgb, renderer.size(), renderer.size(), proprio, instruction);
    }
}
