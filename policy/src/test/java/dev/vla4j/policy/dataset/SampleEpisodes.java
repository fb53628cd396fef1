package dev.vla4j.policy.dataset;

import dev.vla4j.policy.RgbImage;
import dev.vla4j.policy.dataset.FeatureSpec.Dtype;
import java.util.List;
import java.util.SplittableRandom;

/** A small dataset spec and deterministic frames, so a test (or a child JVM) can regenerate what was written. */
final class SampleEpisodes {
    static final String STATE = "observation.state";
    static final String ACTION = "action";
    static final String TOP = "observation.images.top";
    static final String WRIST = "observation.images.wrist";
    static final String REWARD = "next.reward";
    static final String DONE = "next.done";
    static final List<String> TASKS = List.of("push the red block left", "put the blue star in the bowl");
    static final int FPS = 10;

    private SampleEpisodes() {}

    static DatasetSpec spec() {
        return new DatasetSpec(FPS, "vla4j-test", List.of(
                FeatureSpec.floats(STATE, List.of("x", "y", "theta", "gripper")),
                FeatureSpec.floats(ACTION, 3),
                FeatureSpec.image(TOP, 12, 16),
                FeatureSpec.image(WRIST, 8, 8),
                FeatureSpec.scalar(REWARD, Dtype.FLOAT32),
                FeatureSpec.scalar(DONE, Dtype.BOOL)));
    }

    static int length(long episode) {
        return 3 + (int) (episode * 7 % 5);
    }

    static String task(long episode) {
        return TASKS.get((int) (episode % 3 == 2 ? 1 : 0));
    }

    /** Frame {@code i} of {@code episode} of an episode with {@code length} frames. */
    static Frame frame(long episode, int i, int length) {
        SplittableRandom random = new SplittableRandom(episode * 1_000_003L + i);
        float[] state = new float[4];
        float[] action = new float[3];
        for (int d = 0; d < state.length; d++) {
            state[d] = (float) random.nextDouble(-1, 1);
        }
        for (int d = 0; d < action.length; d++) {
            action[d] = (float) random.nextGaussian() * 0.1f;
        }
        return Frame.at(i / (float) FPS)
                .floats(STATE, state)
                .floats(ACTION, action)
                .image(TOP, noise(random, 16, 12))
                .image(WRIST, noise(random, 8, 8))
                .scalar(REWARD, i == length - 1 ? 1f : 0f)
                .flag(DONE, i == length - 1)
                .build();
    }

    static RgbImage noise(SplittableRandom random, int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) random.nextInt(256);
        }
        return new RgbImage(width, height, rgb);
    }

    /** Records episodes {@code 0..count-1} with their deterministic frames. */
    static void record(LeRobotDatasetWriter writer, int count) throws java.io.IOException {
        for (long e = 0; e < count; e++) {
            writer.beginEpisode(task(e));
            for (int i = 0; i < length(e); i++) {
                writer.addFrame(frame(e, i, length(e)));
            }
            writer.endEpisode();
        }
    }
}
