package dev.vla4j.nodes.mqtt;

import dev.vla4j.policy.RgbImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * One camera frame ({@code camera/<name>/image}) and its wire form: the payload is the JPEG file itself, with
 * the MQTT 5 content type {@value #CONTENT_TYPE} and the user properties {@code width}, {@code height} and
 * {@code stamp} (capture time, epoch ms), so that {@code mosquitto_sub} can save it as it is.
 */
public record CameraFrame(String camera, long stampMs, RgbImage image) {
    public static final String CONTENT_TYPE = "image/jpeg";
    /** The largest frame decoded (4096 x 4096 pixels); a bigger one is rejected from its header. */
    public static final long MAX_PIXELS = 4096L * 4096L;

    public CameraFrame {
        MqttPayload.requireText("camera", camera);
        if (stampMs <= 0) {
            throw new IllegalArgumentException("stamp must be a positive epoch time in ms, got " + stampMs);
        }
        if (image == null) {
            throw new IllegalArgumentException("image is missing");
        }
    }

    /** The frame as a JPEG message of the given quality (0..1), for QoS 0 and no retain. */
    public MqttMessage toMessage(float jpegQuality) {
        MqttProperties properties = new MqttProperties();
        properties.setContentType(CONTENT_TYPE);
        properties.setUserProperties(List.of(
                new UserProperty("width", Integer.toString(image.width())),
                new UserProperty("height", Integer.toString(image.height())),
                new UserProperty("stamp", Long.toString(stampMs))));
        return new MqttMessage(encodeJpeg(image, jpegQuality), 0, false, properties);
    }

    /**
     * Reads a frame of {@code camera} from a message; a wrong content type, missing or non-numeric properties, an
     * undecodable JPEG or a size that disagrees with the properties is an {@link MqttPayloadException}.
     */
    public static CameraFrame fromMessage(String camera, MqttMessage message) {
        MqttProperties properties = message.getProperties();
        String contentType = properties == null ? null : properties.getContentType();
        if (!CONTENT_TYPE.equals(contentType)) {
            throw new MqttPayloadException("camera frame content type must be " + CONTENT_TYPE + ", got "
                    + contentType);
        }
        int width = (int) numberProperty(properties, "width");
        int height = (int) numberProperty(properties, "height");
        long stamp = numberProperty(properties, "stamp");
        try {
            return new CameraFrame(camera, stamp, decodeJpeg(message.getPayload(), width, height));
        } catch (IllegalArgumentException e) {
            throw new MqttPayloadException("invalid camera frame: " + e.getMessage());
        }
    }

    /** Baseline JPEG of an RGB image at {@code quality} in (0, 1]. */
    public static byte[] encodeJpeg(RgbImage image, float quality) {
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1], got " + quality);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.rgb().length / 8 + 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image.toBufferedImage(), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a JPEG after checking, from its header alone, that it is {@code width x height}: a frame that lies
     * about its size (a decompression bomb, say) is rejected before any pixel is decoded.
     */
    static RgbImage decodeJpeg(byte[] jpeg, int width, int height) {
        if ((long) width * height > MAX_PIXELS) {
            throw new MqttPayloadException("camera frame of " + width + "x" + height + " exceeds the limit of "
                    + MAX_PIXELS + " pixels");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new MqttPayloadException("camera frame is not a readable image (" + jpeg.length + " bytes)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if (!reader.getFormatName().equalsIgnoreCase("jpeg")) {
                    throw new MqttPayloadException("camera frame is " + reader.getFormatName() + ", not JPEG");
                }
                if (reader.getWidth(0) != width || reader.getHeight(0) != height) {
                    throw new MqttPayloadException("camera frame says " + width + "x" + height
                            + " but the JPEG is " + reader.getWidth(0) + "x" + reader.getHeight(0));
                }
                return RgbImage.of(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MqttPayloadException rejected) {
                throw rejected;
            }
            throw new MqttPayloadException("camera frame is not a readable JPEG: " + e.getMessage());
        }
    }

    private static long numberProperty(MqttProperties properties, String name) {
        Optional<String> value = properties.getUserProperties().stream()
                .filter(property -> property.getKey().equals(name)).map(UserProperty::getValue).findFirst();
        if (value.isEmpty()) {
            throw new MqttPayloadException("camera frame lacks the user property '" + name + "'");
        }
        try {
            long number = Long.parseLong(value.get());
            if (number <= 0 || (!name.equals("stamp") && number > Integer.MAX_VALUE)) {
                throw new NumberFormatException("out of range");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new MqttPayloadException("camera frame property " + name + "='" + value.get()
                    + "' is not a positive integer");
        }
    }
}
