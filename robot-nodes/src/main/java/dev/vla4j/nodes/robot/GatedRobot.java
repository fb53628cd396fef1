package dev.vla4j.nodes.robot;

import dev.vla4j.nodes.safety.SafetyLimits;
import dev.vla4j.policy.Observation;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every transport's controller-side robot shares: observations from an {@link ObservationBuffer}, the
 * expert's latest suggestion, and actions through a {@link CommandGate} (the safety limiter and its watchdog) that
 * the transport creates on {@link #connect()}. {@link #disconnect()} sends the explicit stop before the transport
 * closes.
 */
abstract class GatedRobot implements RemoteRobot {
    protected final RobotShape shape;
    protected final SafetyLimits limits;
    protected final ObservationBuffer buffer;
    protected final AtomicReference<float[]> expert = new AtomicReference<>();
    private final Duration observeTimeout;
    /** Set by the transport's {@code connect()}, under this object's lock. */
    protected CommandGate gate;

    protected GatedRobot(RobotShape shape, SafetyLimits limits, Duration observeTimeout) {
        this.shape = shape;
        this.limits = limits;
        this.observeTimeout = observeTimeout;
        this.buffer = new ObservationBuffer(shape);
    }

    /** Closes the transport's connection; called after the stop was sent. */
    protected abstract void closeTransport() throws InterruptedException;

    /** Publishes an e-stop engage or release on the transport's e-stop topic. */
    protected abstract void publishEStop(boolean engaged, String reason);

    @Override
    public ObservationSpec observationSpec() {
        return shape.observation();
    }

    @Override
    public ActionSpec actionSpec() {
        return shape.action();
    }

    @Override
    public Observation observe() throws Exception {
        return buffer.awaitNewer(observeTimeout);
    }

    @Override
    public float[] send(float[] action) {
        return requireConnected().send(action);
    }

    @Override
    public String instruction() {
        return buffer.instruction();
    }

    @Override
    public Optional<float[]> expertAction() {
        return Optional.ofNullable(expert.get()).map(float[]::clone);
    }

    @Override
    public boolean isEStopped() {
        return requireConnected().limiter().isEStopped();
    }

    @Override
    public void engageEStop(String reason) {
        requireConnected().engageEStop(reason); // stopping wins: this side holds before anything goes out
        publishEStop(true, reason);
    }

    @Override
    public void releaseEStop(String reason) {
        publishEStop(false, reason);
        requireConnected().resetEStop();
    }

    @Override
    public void hold() {
        requireConnected().hold();
    }

    @Override
    public long latestFrameStampMs() {
        return buffer.primaryStampMs();
    }

    protected synchronized CommandGate requireConnected() {
        if (gate == null) {
            throw new IllegalStateException("not connected: call connect() first");
        }
        return gate;
    }

    @Override
    public final synchronized void disconnect() throws InterruptedException {
        if (gate != null) {
            gate.stop(Duration.ofMillis(20));
            gate.close();
            gate = null;
        }
        closeTransport();
    }
}
