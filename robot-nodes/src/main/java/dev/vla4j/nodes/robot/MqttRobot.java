package dev.vla4j.nodes.robot;

import dev.vla4j.nodes.mqtt.ActionCommand;
import dev.vla4j.nodes.mqtt.ConnectionState;
import dev.vla4j.nodes.mqtt.EStopCommand;
import dev.vla4j.nodes.mqtt.InstructionCommand;
import dev.vla4j.nodes.mqtt.JointStates;
import dev.vla4j.nodes.mqtt.CameraFrame;
import dev.vla4j.nodes.mqtt.MqttEndpoint;
import dev.vla4j.nodes.mqtt.MqttPayloadException;
import dev.vla4j.nodes.mqtt.MqttRobotLink;
import dev.vla4j.nodes.safety.SafetyLimiter;
import dev.vla4j.nodes.safety.SafetyLimits;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A robot over MQTT ({@link MqttRobotLink} plus {@link MqttLinkSettings}' topics), as the controller sees it.
 *
 * <p>Single-writer rule: every controller leaves {@code ONLINE} retained on {@code controller/connection} while
 * it runs and {@code OFFLINE} (graceful) or its last will {@code CONNECTION_BROKEN} (crash, once the broker
 * notices, 1.5 keep-alives later) when it ends. {@link #connect} first reads that retained state with a separate
 * client and refuses while it says {@code ONLINE}. An e-stop engage on {@code cmd/estop} latches the limiter;
 * only a release clears it.
 */
public final class MqttRobot extends GatedRobot {
    /** How long {@link #connect} waits for the retained controller state after subscribing. */
    static final Duration CLAIM_WAIT = Duration.ofMillis(500);

    private final MqttLinkSettings settings;
    private MqttRobotLink link;

    public MqttRobot(MqttLinkSettings settings, RobotShape shape, SafetyLimits limits, Duration observeTimeout) {
        super(shape, limits, observeTimeout);
        this.settings = settings;
    }

    @Override
    public synchronized void connect() throws InterruptedException {
        requireNoOtherController();
        link = MqttRobotLink.connect(settings.options("vla4j-controller"), settings.config(shape));
        try {
            MqttRobotLink robotLink = link;
            gate = new CommandGate(SafetyLimiter.onSystemClock(limits), robotLink::sendAction,
                    "mqtt-controller-" + settings.topics().robotId());
            CommandGate commands = gate;
            link.addListener(new MqttRobotLink.Listener() {
                @Override
                public void frame(CameraFrame frame) {
                    checked(() -> buffer.frame(frame.camera(), frame.image(), frame.stampMs()));
                }

                @Override
                public void jointStates(JointStates state) {
                    checked(() -> buffer.state(state.position()));
                }
            });
            link.subscribeJson(settings.topics().estop(), 1, EStopCommand::fromJson, (topic, estop) -> {
                if (estop.engaged()) {
                    commands.engageEStop(estop.reason());
                } else {
                    commands.resetEStop();
                }
            });
            link.subscribeJson(settings.taskInstruction(), 1, InstructionCommand::fromJson,
                    (topic, instruction) -> buffer.instruction(instruction.text()));
            link.subscribeJson(settings.expertAction(), 0, ActionCommand::fromJson, (topic, action) -> {
                checked(() -> {
                    if (action.action().length != shape.action().dim()) {
                        throw new IllegalArgumentException("expert action has " + action.action().length
                                + " values, expected " + shape.action().dim());
                    }
                });
                expert.set(action.action());
            });
        } catch (RuntimeException e) {
            disconnect();
            throw e;
        }
    }

    /** Refuses while another controller's retained connection state says {@code ONLINE}. */
    private void requireNoOtherController() throws InterruptedException {
        AtomicReference<ConnectionState> seen = new AtomicReference<>();
        CountDownLatch arrived = new CountDownLatch(1);
        try (MqttEndpoint probe = MqttEndpoint.connect(settings.options("vla4j-claim-probe"), null)) {
            probe.subscribe(settings.topics().controllerConnection(), 1, (topic, message) -> {
                if (message.getPayload().length > 0) {
                    seen.set(ConnectionState.fromJson(message.getPayload()));
                    arrived.countDown();
                }
            });
            arrived.await(CLAIM_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        ConnectionState state = seen.get();
        if (state != null && state.state() == ConnectionState.State.ONLINE) {
            throw new CommandTopicBusyException("not starting: another controller is ONLINE on "
                    + settings.topics().controllerConnection() + " at " + settings.brokerUri() + " (since ts "
                    + state.ts() + "); stop it first, or wait for the broker to publish its last will");
        }
    }

    /** Turns a refusal into the transport's rejection, which the link logs and counts. */
    private static void checked(Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new MqttPayloadException(e.getMessage());
        }
    }

    @Override
    public void publishStatus(ControllerStatus status) {
        requireConnected();
        link.publishRetained(settings.controllerStatus(), status);
    }

    @Override
    protected void publishEStop(boolean engaged, String reason) {
        requireConnected();
        if (engaged) {
            link.engageEStop(reason);
        } else {
            link.releaseEStop(reason);
        }
    }

    @Override
    public long rejectedCount() {
        return link == null ? 0 : link.rejectedCount();
    }

    @Override
    public String lastRejection() {
        return link == null ? "" : link.lastRejection();
    }

    @Override
    protected void closeTransport() {
        if (link != null) {
            link.close();
            link = null;
        }
    }
}
