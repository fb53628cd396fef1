package dev.vla4j.nodes.robot;

import dev.vla4j.policy.Observation;
import dev.vla4j.policy.RgbImage;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The controller side's latest inputs: one frame per camera, the state and the instruction. Frames of the wrong
 * size and states of the wrong length or with non-finite values are refused with an {@link
 * IllegalArgumentException} naming what is wrong, and never stored. Thread-safe.
 */
final class ObservationBuffer {
    private final RobotShape shape;
    private final Map<String, RgbImage> frames = new LinkedHashMap<>();
    private final Map<String, Long> stamps = new LinkedHashMap<>();
    private float[] state;
    private String instruction = "";
    private long frameVersion; // bumped by each primary frame
    private long stateVersion; // bumped by each state
    private long returnedFrame;
    private long returnedState;

    ObservationBuffer(RobotShape shape) {
        this.shape = shape;
    }

    synchronized void frame(String camera, RgbImage image, long stampMs) {
        int[] size = shape.observation().cameras().get(camera);
        if (size == null) {
            throw new IllegalArgumentException("unknown camera '" + camera + "'; expected one of " + shape.cameras());
        }
        if (image.width() != size[0] || image.height() != size[1]) {
            throw new IllegalArgumentException("camera '" + camera + "' sent a " + image.width() + "x"
                    + image.height() + " frame, expected " + size[0] + "x" + size[1]);
        }
        frames.put(camera, image);
        stamps.put(camera, stampMs);
        if (camera.equals(shape.primaryCamera())) {
            frameVersion++;
            notifyAll();
        }
    }

    synchronized void state(float[] values) {
        if (values.length != shape.observation().stateDim()) {
            throw new IllegalArgumentException("state has " + values.length + " values, expected "
                    + shape.observation().stateDim());
        }
        for (float value : values) {
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("state holds a non-finite value: " + Arrays.toString(values));
            }
        }
        state = values.clone();
        stateVersion++;
        notifyAll();
    }

    synchronized void instruction(String text) {
        instruction = text == null ? "" : text;
    }

    synchronized String instruction() {
        return instruction;
    }

    /** Stamp (epoch ms) of the primary camera's latest frame, 0 before the first. */
    synchronized long primaryStampMs() {
        return stamps.getOrDefault(shape.primaryCamera(), 0L);
    }

    /**
     * The next observation: waits up to {@code timeout} until both a primary frame and a state newer than those
     * last returned have arrived (they travel separately, so a frame is not paired with the previous step's
     * state), then returns every camera's latest frame with the latest state.
     */
    synchronized Observation awaitNewer(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (frameVersion == returnedFrame || stateVersion == returnedState
                || frames.size() < shape.cameras().size()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no new observation within " + timeout.toMillis() + " ms (frames from "
                        + frames.keySet() + " of " + shape.cameras() + ", state " + (state == null ? "missing"
                        : "present") + ")");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        returnedFrame = frameVersion;
        returnedState = stateVersion;
        Map<String, RgbImage> images = new LinkedHashMap<>();
        shape.cameras().forEach(camera -> images.put(camera, frames.get(camera)));
        return new Observation(images, state, instruction);
    }
}
