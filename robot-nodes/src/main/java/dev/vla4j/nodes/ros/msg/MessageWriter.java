package dev.vla4j.nodes.ros.msg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Appends ROS 1 wire values (little-endian, packed; specs/ros1-mqtt.md §5.8) to a growing buffer. */
public final class MessageWriter {
    private ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);

    private ByteBuffer room(int bytes) {
        if (buffer.remaining() < bytes) {
            long needed = (long) buffer.position() + bytes;
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * buffer.capacity()));
            if (capacity < needed) {
                throw new IllegalArgumentException("a ROS message cannot exceed 2 GiB");
            }
            int position = buffer.position();
            buffer = ByteBuffer.wrap(Arrays.copyOf(buffer.array(), capacity)).order(ByteOrder.LITTLE_ENDIAN);
            buffer.position(position);
        }
        return buffer;
    }

    public MessageWriter bool(boolean value) {
        return uint8(value ? 1 : 0);
    }

    /** A {@code uint8} or {@code int8}: the low 8 bits of {@code value}. */
    public MessageWriter uint8(int value) {
        room(1).put((byte) value);
        return this;
    }

    /** An {@code int32}, or a {@code uint32} carried in an int. */
    public MessageWriter int32(int value) {
        room(4).putInt(value);
        return this;
    }

    public MessageWriter float32(float value) {
        room(4).putFloat(value);
        return this;
    }

    public MessageWriter float64(double value) {
        room(8).putDouble(value);
        return this;
    }

    /** A {@code string}: uint32 byte length and UTF-8 bytes. */
    public MessageWriter string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code uint8[]}: uint32 count and the raw bytes. */
    public MessageWriter bytes(byte[] value) {
        room(4 + value.length).putInt(value.length).put(value);
        return this;
    }

    public MessageWriter time(Time value) {
        return int32(value.secs()).int32(value.nsecs());
    }

    public MessageWriter duration(RosDuration value) {
        return int32(value.secs()).int32(value.nsecs());
    }

    public MessageWriter float32Array(float[] values) {
        ByteBuffer out = room(4 + 4 * values.length).putInt(values.length);
        for (float value : values) {
            out.putFloat(value);
        }
        return this;
    }

    public MessageWriter float64Array(double[] values) {
        ByteBuffer out = room(4 + 8 * values.length).putInt(values.length);
        for (double value : values) {
            out.putDouble(value);
        }
        return this;
    }

    public MessageWriter stringArray(List<String> values) {
        int32(values.size());
        values.forEach(this::string);
        return this;
    }

    /** A variable-length array of nested messages: uint32 count, then each message's fields inline. */
    public MessageWriter messages(List<? extends RosMessage> values) {
        int32(values.size());
        values.forEach(value -> value.write(this));
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }
}
