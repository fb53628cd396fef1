package dev.vla4j.nodes.ros;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TCPROS wire format (specs/ros1-mqtt.md §5.6–§5.7): the connection header, a uint32 LE total length then
 * {@code uint32 LE length + "key=value"} fields, and message frames, a uint32 LE length then the bytes.
 */
final class TcpRos {
    /** Headers carry a message definition of a few kilobytes; anything this large is garbage. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private TcpRos() {}

    /** The header with its total-length prefix, fields in the given order. */
    static byte[] encodeHeader(Map<String, String> fields) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((key, value) -> {
            byte[] field = (key + "=" + value).getBytes(StandardCharsets.UTF_8);
            body.writeBytes(uint32(field.length));
            body.writeBytes(field);
        });
        return frame(body.toByteArray());
    }

    /** {@code payload} preceded by its uint32 LE length. */
    static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(payload.length).put(payload).array();
    }

    /** Reads one connection header; fails on EOF, a length over {@link #MAX_HEADER_BYTES} or malformed fields. */
    static Map<String, String> readHeader(InputStream in) throws IOException {
        byte[] body = readFrame(in, MAX_HEADER_BYTES, "connection header");
        if (body == null) {
            throw new TcpRosException("connection closed before the TCPROS connection header");
        }
        return decodeHeaderFields(body);
    }

    static Map<String, String> decodeHeaderFields(byte[] body) throws TcpRosException {
        ByteBuffer buffer = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, String> fields = new LinkedHashMap<>();
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < 4) {
                throw new TcpRosException("connection header ends inside a field length");
            }
            long length = Integer.toUnsignedLong(buffer.getInt());
            if (length > buffer.remaining()) {
                throw new TcpRosException("connection header field of " + length + " bytes overruns the header ("
                        + buffer.remaining() + " bytes left)");
            }
            String field = new String(body, buffer.position(), (int) length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + (int) length);
            int equals = field.indexOf('=');
            if (equals < 0) {
                throw new TcpRosException("connection header field without '=': '" + abbreviate(field) + "'");
            }
            fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
        return fields;
    }

    /**
     * Reads one length-prefixed frame.
     *
     * @return the frame's bytes, or null when the stream ends cleanly before a frame starts
     * @throws TcpRosException when the length exceeds {@code maxBytes} or the stream ends inside the frame
     */
    static byte[] readFrame(InputStream in, int maxBytes, String what) throws IOException {
        byte[] prefix = new byte[4];
        int got = readFully(in, prefix);
        if (got == 0) {
            return null;
        }
        if (got < 4) {
            throw new TcpRosException("connection closed inside the length of a " + what);
        }
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (length > maxBytes) {
            throw new TcpRosException(what + " claims " + length + " bytes, over the limit of " + maxBytes);
        }
        byte[] body = new byte[(int) length];
        got = readFully(in, body);
        if (got < body.length) {
            throw new TcpRosException("connection closed after " + got + " of the " + length + " bytes of a " + what
                    + " (truncated)");
        }
        return body;
    }

    /** Reads until {@code into} is full or the stream ends; returns how many bytes were read. */
    private static int readFully(InputStream in, byte[] into) throws IOException {
        int total = 0;
        while (total < into.length) {
            int n = in.read(into, total, into.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static byte[] uint32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
