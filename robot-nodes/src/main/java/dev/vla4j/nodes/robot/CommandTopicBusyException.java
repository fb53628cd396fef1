package dev.vla4j.nodes.robot;

/** A controller refused to start because another one already commands the robot. */
public final class CommandTopicBusyException extends IllegalStateException {
    public CommandTopicBusyException(String message) {
        super(message);
    }
}
