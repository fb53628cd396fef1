package dev.vla4j.policy.dataset;

/**
 * A frame as the dataset stores it: the caller's {@link Frame} plus the default columns LeRobot adds.
 *
 * @param index        position in the whole dataset (0-based, global)
 * @param frameIndex   position in its episode
 * @param task         the task string that {@code taskIndex} refers to in {@code meta/tasks.parquet}
 */
public record StoredFrame(long index, long episodeIndex, long frameIndex, long taskIndex, String task, Frame frame) {
}
