package dev.vla4j.nodes.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;

class CameraFrameTest {

    /** A smooth colour ramp: JPEG keeps its mean colour within a level or two. */
    static RgbImage ramp(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (255 * x / (width - 1));
                rgb[i + 1] = (byte) (255 * y / (height - 1));
                rgb[i + 2] = (byte) 96;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    static double[] meanColour(RgbImage image) {
        double[] mean = new double[3];
        byte[] rgb = image.rgb();
        for (int i = 0; i < rgb.length; i++) {
            mean[i % 3] += (rgb[i] & 0xFF);
        }
        for (int c = 0; c < 3; c++) {
            mean[c] /= (double) image.width() * image.height();
        }
        return mean;
    }

    static void assertSameLook(RgbImage expected, RgbImage actual) {
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertArrayEquals(meanColour(expected), meanColour(actual), 2.0, "mean colour after JPEG");
    }

    @Test
    void aFrameSurvivesItsJpegMessage() {
        RgbImage image = ramp(64, 48);
        MqttMessage message = new CameraFrame("wrist", 1234, image).toMessage(0.9f);
        assertEquals(CameraFrame.CONTENT_TYPE, message.getProperties().getContentType());
        assertEquals((byte) 0xFF, message.getPayload()[0], "a JPEG starts with FF D8");
        assertEquals((byte) 0xD8, message.getPayload()[1]);
        CameraFrame back = CameraFrame.fromMessage("wrist", message);
        assertEquals(1234, back.stampMs());
        assertSameLook(image, back.image());
    }

    @Test
    void framesThatLieOrAreNotJpegAreRejected() {
        byte[] jpeg = CameraFrame.encodeJpeg(ramp(16, 8), 0.8f);
        assertRejected("content type", message(jpeg, "image/png", "16", "8", "1"));
        assertRejected("says 17x8", message(jpeg, CameraFrame.CONTENT_TYPE, "17", "8", "1"));
        assertRejected("height", message(jpeg, CameraFrame.CONTENT_TYPE, "16", null, "1"));
        assertRejected("not a positive integer", message(jpeg, CameraFrame.CONTENT_TYPE, "16", "8", "soon"));
        assertRejected("not a readable", message(new byte[] {1, 2, 3}, CameraFrame.CONTENT_TYPE, "16", "8", "1"));
        assertRejected("exceeds the limit", message(jpeg, CameraFrame.CONTENT_TYPE, "100000", "100000", "1"));
        byte[] png = ramp(16, 8).encodePng();
        assertRejected("not JPEG", message(png, CameraFrame.CONTENT_TYPE, "16", "8", "1"));
    }

    private static MqttMessage message(byte[] payload, String contentType, String width, String height, String stamp) {
        MqttProperties properties = new MqttProperties();
        properties.setContentType(contentType);
        List<UserProperty> user = new ArrayList<>();
        user.add(new UserProperty("width", width));
        if (height != null) {
            user.add(new UserProperty("height", height));
        }
        user.add(new UserProperty("stamp", stamp));
        properties.setUserProperties(user);
        return new MqttMessage(payload, 0, false, properties);
    }

    private static void assertRejected(String fragment, MqttMessage message) {
        MqttPayloadException e = assertThrows(MqttPayloadException.class, () -> CameraFrame.fromMessage("c", message));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
