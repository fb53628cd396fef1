package dev.vla4j.nodes.ros;

import java.time.Duration;

/**
 * Tuning of a {@link RosNode}.
 *
 * @param callTimeout limit for one XML-RPC call and for a TCPROS connect and handshake
 * @param masterPollPeriod how often the node asks the master for its pid, to notice a restart and register again
 * @param queueSize frames queued per subscriber connection before the oldest is dropped
 * @param maxFrameBytes largest incoming message frame accepted; a larger length prefix drops the connection
 */
public record RosNodeOptions(Duration callTimeout, Duration masterPollPeriod, int queueSize, int maxFrameBytes) {
    /** 5 s calls, a master check every second, 10 queued frames, 64 MiB frames. */
    public static final RosNodeOptions DEFAULTS = new RosNodeOptions(Duration.ofSeconds(5), Duration.ofSeconds(1),
            10, 64 << 20);

    public RosNodeOptions {
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
        }
        if (masterPollPeriod == null || masterPollPeriod.toMillis() < 10) {
            throw new IllegalArgumentException("masterPollPeriod must be at least 10 ms, got " + masterPollPeriod);
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("queueSize must be at least 1, got " + queueSize);
        }
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive, got " + maxFrameBytes);
        }
    }

    public RosNodeOptions withMasterPollPeriod(Duration period) {
        return new RosNodeOptions(callTimeout, period, queueSize, maxFrameBytes);
    }

    public RosNodeOptions withQueueSize(int size) {
        return new RosNodeOptions(callTimeout, masterPollPeriod, size, maxFrameBytes);
    }

    public RosNodeOptions withMaxFrameBytes(int bytes) {
        return new RosNodeOptions(callTimeout, masterPollPeriod, queueSize, bytes);
    }
}
