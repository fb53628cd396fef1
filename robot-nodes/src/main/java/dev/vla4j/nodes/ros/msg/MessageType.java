package dev.vla4j.nodes.ros.msg;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Function;

/**
 * A ROS 1 message type: its name ({@code pkg/Type}), the md5sum and {@code message_definition} computed from its
 * shipped {@code .msg} text, and how to decode it.
 *
 * @param <T> the Java record for the type
 */
public final class MessageType<T extends RosMessage> {
    private final String name;
    private final String md5;
    private final String definition;
    private final Function<MessageReader, T> reader;

    private MessageType(String name, Function<MessageReader, T> reader) {
        MessageSpec spec = MessageSpec.of(name);
        this.name = name;
        this.md5 = spec.md5();
        this.definition = spec.fullText();
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** Describes {@code name}, whose {@code .msg} text must be shipped; {@code reader} reads the fields in order. */
    public static <T extends RosMessage> MessageType<T> of(String name, Function<MessageReader, T> reader) {
        return new MessageType<>(name, reader);
    }

    public String name() {
        return name;
    }

    public String md5() {
        return md5;
    }

    /** The full {@code message_definition} sent in TCPROS headers. */
    public String definition() {
        return definition;
    }

    /** The wire bytes of {@code message}, without the TCPROS length prefix. */
    public byte[] serialize(T message) {
        MessageWriter out = new MessageWriter();
        message.write(out);
        return out.toByteArray();
    }

    /**
     * Decodes exactly one message filling all of {@code bytes}.
     *
     * @throws MalformedMessageException naming the type when the bytes are truncated, claim more elements than
     *     they hold, or carry trailing bytes
     */
    public T deserialize(byte[] bytes) {
        MessageReader in = new MessageReader(ByteBuffer.wrap(bytes), name);
        T message = reader.apply(in);
        in.expectEnd();
        return message;
    }

    @Override
    public String toString() {
        return name + " (md5 " + md5 + ")";
    }
}
