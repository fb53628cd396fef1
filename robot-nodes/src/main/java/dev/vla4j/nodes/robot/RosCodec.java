package dev.vla4j.nodes.robot;

import dev.vla4j.nodes.ros.msg.CompressedImage;
import dev.vla4j.nodes.ros.msg.Float32MultiArray;
import dev.vla4j.nodes.ros.msg.Header;
import dev.vla4j.nodes.ros.msg.Image;
import dev.vla4j.nodes.ros.msg.JointState;
import dev.vla4j.nodes.ros.msg.MultiArrayDimension;
import dev.vla4j.nodes.ros.msg.MultiArrayLayout;
import dev.vla4j.nodes.ros.msg.Time;
import dev.vla4j.policy.RgbImage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Conversions between vla4j's types and ROS messages; malformed input is an {@link IllegalArgumentException}. */
final class RosCodec {
    static final String FRAME_ID = "camera";

    private RosCodec() {}

    static Image image(RgbImage image, long stampMs) {
        return new Image(header(stampMs), image.height(), image.width(), "rgb8", 0, image.width() * 3, image.rgb());
    }

    /** An rgb8 or bgr8 image, rows possibly padded ({@code step >= 3 * width}). */
    static RgbImage rgb(Image message) {
        String encoding = message.encoding();
        if (!encoding.equals("rgb8") && !encoding.equals("bgr8")) {
            throw new IllegalArgumentException("image encoding '" + encoding + "' is not supported (rgb8, bgr8)");
        }
        int width = message.width();
        int height = message.height();
        if (width <= 0 || height <= 0 || message.step() < 3L * width
                || message.data().length != (long) message.step() * height) {
            throw new IllegalArgumentException("inconsistent image: " + width + "x" + height + ", step "
                    + message.step() + ", " + message.data().length + " bytes");
        }
        byte[] rgb = new byte[width * height * 3];
        boolean bgr = encoding.equals("bgr8");
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int from = y * message.step() + x * 3;
                int to = (y * width + x) * 3;
                rgb[to] = message.data()[from + (bgr ? 2 : 0)];
                rgb[to + 1] = message.data()[from + 1];
                rgb[to + 2] = message.data()[from + (bgr ? 0 : 2)];
            }
        }
        return new RgbImage(width, height, rgb);
    }

    static RgbImage rgb(CompressedImage message) {
        try {
            return RgbImage.decodePng(message.data());
        } catch (IOException e) {
            throw new IllegalArgumentException("undecodable " + message.format() + " image: " + e.getMessage());
        }
    }

    static long stampMs(Header header) {
        return header.stamp().toInstant().toEpochMilli();
    }

    static JointState jointState(float[] state, long stampMs) {
        List<String> names = new ArrayList<>();
        double[] position = new double[state.length];
        for (int i = 0; i < state.length; i++) {
            names.add("state_" + i);
            position[i] = state[i];
        }
        return new JointState(header(stampMs), names, position, new double[0], new double[0]);
    }

    static float[] state(JointState message) {
        double[] position = message.position();
        float[] state = new float[position.length];
        for (int i = 0; i < state.length; i++) {
            state[i] = (float) position[i];
        }
        return state;
    }

    static Float32MultiArray array(float[] values) {
        return new Float32MultiArray(new MultiArrayLayout(
                List.of(new MultiArrayDimension("action", values.length, values.length)), 0), values.clone());
    }

    /** The values of an array of {@code dim} finite numbers. */
    static float[] values(Float32MultiArray message, int dim) {
        float[] values = message.data();
        if (values.length != dim) {
            throw new IllegalArgumentException("action has " + values.length + " values, expected " + dim);
        }
        for (int d = 0; d < dim; d++) {
            if (!Float.isFinite(values[d])) {
                throw new IllegalArgumentException("action[" + d + "] is " + values[d] + "; values must be finite");
            }
        }
        return values.clone();
    }

    static Header header(long stampMs) {
        return new Header(0, Time.of(Instant.ofEpochMilli(stampMs)), FRAME_ID);
    }
}
