package dev.vla4j.nodes.ros;

import java.io.IOException;

/** A TCPROS peer broke the protocol: a bad header, a frame over the limit, a truncated frame or a refusal. */
public final class TcpRosException extends IOException {
    public TcpRosException(String message) {
        super(message);
    }
}
