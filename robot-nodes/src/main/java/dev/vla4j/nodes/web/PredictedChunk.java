package dev.vla4j.nodes.web;

/**
 * The policy's latest action chunk, for the overlay and the action plot.
 *
 * @param madeAt  when it was predicted, epoch milliseconds
 * @param actions H × A actions in robot units
 * @param pixels  H points {column, row} where each action takes the robot in the camera image, or null when the
 *                backend cannot project actions into the image (nothing is drawn then)
 * @param inferMs how long the prediction took
 */
public record PredictedChunk(long madeAt, float[][] actions, double[][] pixels, double inferMs) {
    public PredictedChunk {
        if (actions.length == 0) {
            throw new IllegalArgumentException("a predicted chunk needs at least one action");
        }
        if (pixels != null && pixels.length != actions.length) {
            throw new IllegalArgumentException("a chunk of " + actions.length + " actions needs as many pixel "
                    + "points, got " + pixels.length);
        }
    }
}
