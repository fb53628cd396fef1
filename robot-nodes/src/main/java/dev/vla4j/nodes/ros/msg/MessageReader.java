package dev.vla4j.nodes.ros.msg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads ROS 1 wire values from one serialized message. Every read is bounds-checked, and a count is checked
 * against the bytes actually left before anything is allocated, so garbage never causes a huge allocation.
 */
public final class MessageReader {
    private final ByteBuffer buffer;
    private final String typeName;

    public MessageReader(ByteBuffer buffer, String typeName) {
        this.buffer = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.typeName = typeName;
    }

    private ByteBuffer need(long bytes, String what) {
        if (bytes > buffer.remaining()) {
            throw new MalformedMessageException(typeName + ": " + what + " needs " + bytes + " bytes at offset "
                    + buffer.position() + " but only " + buffer.remaining() + " are left (truncated or garbage)");
        }
        return buffer;
    }

    public boolean bool() {
        return uint8() != 0;
    }

    public int uint8() {
        return Byte.toUnsignedInt(need(1, "a uint8").get());
    }

    public int int32() {
        return need(4, "an int32").getInt();
    }

    public float float32() {
        return need(4, "a float32").getFloat();
    }

    public double float64() {
        return need(8, "a float64").getDouble();
    }

    /** Reads a uint32 count and checks that {@code count * minBytesEach} bytes are left. */
    private int count(int minBytesEach, String what) {
        long count = Integer.toUnsignedLong(need(4, "the length of " + what).getInt());
        need(count * minBytesEach, what + " of " + count + " elements");
        return (int) count;
    }

    public String string() {
        return new String(bytes("a string"), StandardCharsets.UTF_8);
    }

    /** A {@code uint8[]}. */
    public byte[] bytes() {
        return bytes("a uint8[]");
    }

    private byte[] bytes(String what) {
        byte[] out = new byte[count(1, what)];
        buffer.get(out);
        return out;
    }

    public Time time() {
        return new Time(int32(), int32());
    }

    public RosDuration duration() {
        return new RosDuration(int32(), int32());
    }

    public float[] float32Array() {
        float[] out = new float[count(4, "a float32[]")];
        buffer.asFloatBuffer().get(out);
        buffer.position(buffer.position() + 4 * out.length);
        return out;
    }

    public double[] float64Array() {
        double[] out = new double[count(8, "a float64[]")];
        buffer.asDoubleBuffer().get(out);
        buffer.position(buffer.position() + 8 * out.length);
        return out;
    }

    public List<String> stringArray() {
        return list(4, "a string[]", MessageReader::string);
    }

    /** A variable-length array of nested messages, each at least {@code minBytesEach} long on the wire. */
    public <T> List<T> list(int minBytesEach, String what, Function<MessageReader, T> element) {
        int count = count(minBytesEach, what);
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(element.apply(this));
        }
        return List.copyOf(out);
    }

    /** Fails when bytes are left over after the last field. */
    public void expectEnd() {
        if (buffer.hasRemaining()) {
            throw new MalformedMessageException(typeName + ": " + buffer.remaining() + " bytes left over after the"
                    + " last field at offset " + buffer.position() + " (wrong type or garbage)");
        }
    }
}
