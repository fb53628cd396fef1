package dev.vla4j.nodes.web.sim;

import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.Policy;
import dev.vla4j.policy.RgbImage;
import dev.vla4j.sim.Controller;
import dev.vla4j.sim.EnvState;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.TableEnv;

/**
 * The simulator's scripted expert as a chunking {@link Policy}, for the teleop UI without a trained checkpoint.
 * Its first action is exactly the expert's action in the current state; the rest of the chunk is the expert's
 * plan if the blocks stayed where they are (the end effector moves, the scene is frozen), which is what the
 * overlay draws. It reads the privileged state of {@code env}, so it must run on the thread that steps it.
 */
public final class ExpertPolicy implements Policy {
    private final TableEnv env;
    private final Controller expert;
    private final int horizon;

    public ExpertPolicy(TableEnv env, Controller expert, int horizon) {
        if (horizon <= 0) {
            throw new IllegalArgumentException("the chunk horizon must be positive, got " + horizon);
        }
        this.env = env;
        this.expert = expert;
        this.horizon = horizon;
    }

    @Override
    public ActionChunk predictChunk(dev.vla4j.policy.Observation observation) {
        RgbImage image = observation.primaryImage();
        Observation seen = new Observation(image.rgb(), image.width(), image.height(), observation.state(),
                observation.instruction());
        EnvState now = env.state();
        double x = now.eeX();
        double y = now.eeY();
        float[][] actions = new float[horizon][];
        for (int k = 0; k < horizon; k++) {
            EnvState planned = new EnvState(now.blocks(), now.poses(), now.radii(), x, y, now.goal(), now.scene(),
                    now.completed(), now.goals());
            actions[k] = expert.act(seen, planned);
            double[] next = EffectorMotion.after(x, y, actions[k]);
            x = next[0];
            y = next[1];
        }
        return new ActionChunk(actions);
    }
}
