package dev.vla4j.nodes.web;

import dev.vla4j.policy.RgbImage;
import dev.vla4j.policy.dataset.DatasetSpec;
import dev.vla4j.policy.dataset.FeatureSpec;
import dev.vla4j.policy.dataset.Frame;
import dev.vla4j.policy.dataset.LeRobotDatasetWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Records teleop or policy episodes into a new LeRobot dataset with the same writer as {@code sim record}: one
 * frame per control step holding the camera image ({@code observation.images.<camera>}), the state the step
 * started from ({@code observation.state}) and the action applied ({@code action}), at {@code fps}. The dataset
 * folder is created on the first {@link #start(String)}. Thread-safe.
 */
public final class EpisodeRecorder implements AutoCloseable {
    private final Path folder;
    private final DatasetSpec spec;
    private final String imageFeature;
    private LeRobotDatasetWriter writer;
    private boolean recording;
    private int frames;

    /**
     * A recorder into {@code folder}, which must not exist yet or be empty when the first episode starts.
     *
     * @param camera      the camera's name, e.g. {@code top}
     * @param stateNames  a name per state value
     * @param actionNames a name per action value
     */
    public EpisodeRecorder(Path folder, int fps, String robotType, String camera, int width, int height,
                           List<String> stateNames, List<String> actionNames) {
        this.folder = folder;
        this.imageFeature = "observation.images." + camera;
        this.spec = new DatasetSpec(fps, robotType, List.of(FeatureSpec.image(imageFeature, width, height),
                FeatureSpec.floats("observation.state", stateNames), FeatureSpec.floats("action", actionNames)));
    }

    /** {@code recorder}, or an {@link IllegalStateException} for the page when there is none. */
    public static EpisodeRecorder required(EpisodeRecorder recorder) {
        if (recorder == null) {
            throw new IllegalStateException("no dataset folder was given, so nothing can be recorded");
        }
        return recorder;
    }

    /** Starts an episode whose task is {@code instruction}; fails if one is being recorded. */
    public synchronized void start(String instruction) {
        if (writer == null) {
            try {
                writer = LeRobotDatasetWriter.create(folder, spec);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the dataset: " + e.getMessage(), e);
            }
        }
        writer.beginEpisode(instruction);
        recording = true;
        frames = 0;
    }

    /** Adds a control step to the episode being recorded; does nothing when none is. */
    public synchronized void add(RgbImage image, float[] state, float[] action) {
        if (!recording) {
            return;
        }
        writer.addFrame(Frame.at((float) frames / spec.fps()).image(imageFeature, image)
                .floats("observation.state", state).floats("action", action).build());
        frames++;
    }

    /** Commits the episode and returns its index. */
    public synchronized long stop() throws IOException {
        requireRecording("stop");
        if (frames == 0) {
            throw new IllegalStateException("the episode has no frames yet: let the robot take a step, or discard it");
        }
        recording = false;
        return writer.endEpisode();
    }

    /** Drops the episode being recorded. */
    public synchronized void discard() {
        requireRecording("discard");
        recording = false;
        writer.discardEpisode();
    }

    public synchronized RecordingStatus status() {
        return new RecordingStatus(folder.toString(), recording, writer == null ? 0 : writer.episodes(), frames);
    }

    private void requireRecording(String what) {
        if (!recording) {
            throw new IllegalStateException("no episode is being recorded to " + what);
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            writer.close();
        }
    }
}
