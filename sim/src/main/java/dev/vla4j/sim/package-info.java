/**
 * LangTable-J: a planar tabletop simulator after Language-Table (specs/sim.md §1.3, §5; DESIGN.md §7).
 *
 * <p><b>Use.</b> {@code new TableEnv("langtable-goal", "separate-blocks", Split.HELD_IN, EnvConfig.DEFAULT)}, then
 * {@link dev.vla4j.sim.TableEnv#reset(long)} and {@link dev.vla4j.sim.TableEnv#step(float[])} until
 * {@link dev.vla4j.sim.StepResult#done()}. Suites and tasks are listed in {@link dev.vla4j.sim.tasks.Suites};
 * {@link dev.vla4j.sim.rollout.Rollouts} runs N episodes per task and counts successes,
 * {@link dev.vla4j.sim.rollout.SimBench} measures steps per second.
 *
 * <p><b>Board and action.</b> x ∈ [0.15, 0.60] m (away from the robot), y ∈ [−0.3048, 0.3048] m. An action is a
 * displacement {dx, dy} of the end effector, clamped to ±0.1 m per axis and to the board, executed over one 10 Hz
 * control period as {@link dev.vla4j.sim.EnvConfig#substeps()} dyn4j steps (default 10, i.e. 100 Hz).
 *
 * <p><b>Observation.</b> A top-down RGB image (row-major height × width × 3; the robot's side is the top row,
 * −y the left column), proprioception {ee_x, ee_y, ee_vx, ee_vy} and the instruction text.
 *
 * <p><b>Physics.</b> Blocks of {@link dev.vla4j.sim.Block#BLOCK_4}/{@link dev.vla4j.sim.Block#BLOCK_8} (4 colours ×
 * 4 shapes, about 4 cm), Coulomb table friction through dyn4j friction joints, a kinematic round pusher of 1.25 cm
 * radius, walls on the board's edges.
 *
 * <p><b>Determinism.</b> Each episode draws everything from one {@link java.util.SplittableRandom} seeded by
 * {@link dev.vla4j.sim.SeedTree} from (suite, task, seed); nothing reads time or shared random state.
 */
package dev.vla4j.sim;
