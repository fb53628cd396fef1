package dev.vla4j.nodes.ros;

import java.io.IOException;

/** An XML-RPC exchange failed: the peer is unreachable, answered badly, or refused the call. */
public class XmlRpcException extends IOException {
    public XmlRpcException(String message) {
        super(message);
    }

    public XmlRpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
