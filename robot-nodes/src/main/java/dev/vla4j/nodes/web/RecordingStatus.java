package dev.vla4j.nodes.web;

/**
 * Where episode recording stands.
 *
 * @param dataset  the dataset folder, or null when the backend records nothing
 * @param active   an episode is being recorded
 * @param episodes episodes committed to the dataset so far
 * @param frames   frames in the episode being recorded (0 when none is)
 */
public record RecordingStatus(String dataset, boolean active, long episodes, int frames) {
    /** A backend without a dataset. */
    public static final RecordingStatus NONE = new RecordingStatus(null, false, 0, 0);
}
