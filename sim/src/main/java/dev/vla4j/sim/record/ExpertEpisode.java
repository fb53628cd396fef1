package dev.vla4j.sim.record;

import dev.vla4j.policy.RgbImage;
import dev.vla4j.policy.dataset.Frame;
import dev.vla4j.sim.Controller;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.EnvState;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.StepResult;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.experts.PushExpert;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * One scripted-expert episode as dataset frames, cut into one {@link Segment} per instruction: a single-instruction
 * task gives one segment, a {@code langtable-long} chain one per instruction it reached, so every recorded episode
 * carries exactly one instruction. A segment ends on the step that completes its instruction (next.done and
 * next.success true there) or, for the last one, when the episode ends; its timestamps restart at 0.
 *
 * @param task    the suite's task
 * @param seed    the episode's seed
 * @param success whether the expert completed every instruction
 */
public record ExpertEpisode(String task, long seed, boolean success, List<Segment> segments) {
    /** The frames of one instruction. */
    public record Segment(String instruction, List<Frame> frames) {
    }

    /** Copies the segment list. */
    public ExpertEpisode {
        segments = List.copyOf(segments);
    }

    /** Frames over all segments. */
    public int frames() {
        return segments.stream().mapToInt(s -> s.frames().size()).sum();
    }

    /**
     * Plays episode {@code seed} of {@code task} with {@link PushExpert}. With {@code noise > 0} the robot executes
     * the expert's action plus Gaussian noise while the frame is labelled with the expert's own action (DART), so
     * the data shows how the expert recovers from the states a slightly wrong policy reaches.
     */
    public static ExpertEpisode play(Suite suite, TaskSpec task, Split split, EnvConfig config, long seed,
                                     double noise) {
        Controller expert = new PushExpert();
        ActionNoise actionNoise = noise > 0 ? new ActionNoise(noise, seed) : null;
        TableEnv env = new TableEnv(suite, task, split, config);
        expert.reset(seed);
        Observation obs = env.reset(seed);
        List<Segment> segments = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        StepResult r;
        do {
            EnvState state = env.state();
            float[] blocks = env.blockImagePositions(); // where the frame's image shows them, before the step
            float[] goal = env.goalImagePositions();
            float[] label = env.appliedAction(expert.act(obs, state));
            r = env.step(actionNoise != null ? actionNoise.add(label) : label);
            boolean instructionDone = r.reward() > 0;
            boolean segmentEnds = instructionDone || r.done();
            frames.add(Frame.at(frames.size() / (float) SimDataset.FPS)
                    .image(SimDataset.IMAGE, new RgbImage(obs.width(), obs.height(), obs.rgb()))
                    .floats(SimDataset.STATE, obs.proprio())
                    .floats(SimDataset.ENVIRONMENT_STATE, state.environmentState())
                    .floats(SimDataset.BLOCK_POSITIONS, blocks)
                    .floats(SimDataset.GOAL_POSITIONS, goal)
                    .floats(SimDataset.ACTION, label)
                    .scalar(SimDataset.REWARD, (float) r.reward())
                    .flag(SimDataset.DONE, segmentEnds)
                    .flag(SimDataset.SUCCESS, instructionDone)
                    .build());
            if (segmentEnds) {
                segments.add(new Segment(obs.instruction(), frames));
                frames = new ArrayList<>();
            }
            obs = r.observation();
        } while (!r.done());
        return new ExpertEpisode(task.name(), seed, r.success(), segments);
    }
}
