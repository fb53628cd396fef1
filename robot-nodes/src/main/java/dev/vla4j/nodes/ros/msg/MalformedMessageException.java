package dev.vla4j.nodes.ros.msg;

/** Bytes that do not decode as the expected message: truncated, oversized counts, or trailing garbage. */
public final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }
}
