package dev.vla4j.nodes.ros.msg;

/** {@code sensor_msgs/CompressedImage}: {@code format} is e.g. {@code jpeg} or {@code png}. */
public record CompressedImage(Header header, String format, byte[] data) implements Stamped<CompressedImage> {
    public static final MessageType<CompressedImage> TYPE =
            MessageType.of("sensor_msgs/CompressedImage", CompressedImage::read);

    public static CompressedImage read(MessageReader in) {
        return new CompressedImage(Header.read(in), in.string(), in.bytes());
    }

    @Override
    public void write(MessageWriter out) {
        header.write(out);
        out.string(format).bytes(data);
    }

    @Override
    public CompressedImage withHeader(Header newHeader) {
        return new CompressedImage(newHeader, format, data);
    }

    @Override
    public MessageType<CompressedImage> type() {
        return TYPE;
    }
}
