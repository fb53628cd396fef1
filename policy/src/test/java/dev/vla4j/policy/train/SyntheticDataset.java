package dev.vla4j.policy.train;

import dev.vla4j.policy.RgbImage;
import dev.vla4j.policy.dataset.DatasetSpec;
import dev.vla4j.policy.dataset.FeatureSpec;
import dev.vla4j.policy.dataset.Frame;
import dev.vla4j.policy.dataset.LeRobotDatasetWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small learnable dataset for trainer tests: a white square on black at a random place; the action points from
 * the square towards the left or the right corner depending on the instruction. The square is also the one recorded
 * block image position (u, v, present), and the goal's image positions are the square, then its corner twice (target
 * and aim).
 */
final class SyntheticDataset {
    static final List<String> INSTRUCTIONS = List.of("push the square to the left", "push the square to the right");

    private SyntheticDataset() {}

    static Path write(Path folder, int episodes, int framesPerEpisode, int imageSize, long seed) throws IOException {
        DatasetSpec spec = new DatasetSpec(10, "synthetic", List.of(
                FeatureSpec.image(TrainingData.IMAGE_PREFIX + "top", imageSize, imageSize),
                FeatureSpec.floats(TrainingData.STATE, 4), FeatureSpec.floats(TrainingData.ENVIRONMENT_STATE, 2),
                FeatureSpec.floats(TrainingData.BLOCK_POSITIONS, 3), FeatureSpec.floats(TrainingData.GOAL_POSITIONS, 6),
                FeatureSpec.floats(TrainingData.ACTION, 2)));
        SplittableRandom random = new SplittableRandom(seed);
        try (LeRobotDatasetWriter writer = LeRobotDatasetWriter.create(folder, spec)) {
            for (int e = 0; e < episodes; e++) {
                String instruction = INSTRUCTIONS.get(e % 2);
                writer.beginEpisode(instruction);
                for (int f = 0; f < framesPerEpisode; f++) {
                    float x = (float) random.nextDouble();
                    float y = (float) random.nextDouble();
                    float goal = e % 2 == 0 ? 0f : 1f;
                    writer.addFrame(Frame.at(f / 10f)
                            .image(TrainingData.IMAGE_PREFIX + "top", square(imageSize, x, y))
                            .floats(TrainingData.STATE, x, y, 0f, 0f)
                            .floats(TrainingData.ENVIRONMENT_STATE, x, y)
                            .floats(TrainingData.BLOCK_POSITIONS, centre(x), centre(y), 1f)
                            .floats(TrainingData.GOAL_POSITIONS, centre(x), centre(y), 2 * goal - 1, -1f, 2 * goal - 1, -1f)
                            .floats(TrainingData.ACTION, 0.1f * (goal - x), -0.1f * y)
                            .build());
                }
                writer.endEpisode();
            }
        }
        return folder;
    }

    /** The square's centre in image coordinates [-1, 1] for a placement in [0, 1] (see {@link #square}). */
    private static float centre(float placement) {
        return 2 * (placement * 7 / 8 + 1 / 16f) - 1;
    }

    private static RgbImage square(int size, float x, float y) {
        byte[] rgb = new byte[size * size * 3];
        int side = size / 8;
        int left = Math.round(x * (size - side));
        int top = Math.round(y * (size - side));
        for (int r = top; r < top + side; r++) {
            for (int c = left; c < left + side; c++) {
                for (int k = 0; k < 3; k++) {
                    rgb[(r * size + c) * 3 + k] = (byte) 255;
                }
            }
        }
        return new RgbImage(size, size, rgb);
    }
}
