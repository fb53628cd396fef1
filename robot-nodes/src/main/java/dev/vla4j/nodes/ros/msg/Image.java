package dev.vla4j.nodes.ros.msg;

/**
 * {@code sensor_msgs/Image}: an uncompressed image, rows of {@code step} bytes. {@code data} is copied in bulk
 * and compared by reference.
 */
public record Image(Header header, int height, int width, String encoding, int isBigendian, int step, byte[] data)
        implements Stamped<Image> {
    public static final MessageType<Image> TYPE = MessageType.of("sensor_msgs/Image", Image::read);

    public static Image read(MessageReader in) {
        return new Image(Header.read(in), in.int32(), in.int32(), in.string(), in.uint8(), in.int32(), in.bytes());
    }

    @Override
    public void write(MessageWriter out) {
        header.write(out);
        out.int32(height).int32(width).string(encoding).uint8(isBigendian).int32(step).bytes(data);
    }

    @Override
    public Image withHeader(Header newHeader) {
        return new Image(newHeader, height, width, encoding, isBigendian, step, data);
    }

    @Override
    public MessageType<Image> type() {
        return TYPE;
    }
}
