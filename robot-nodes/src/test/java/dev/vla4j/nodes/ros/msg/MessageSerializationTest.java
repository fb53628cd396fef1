package dev.vla4j.nodes.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The genpy hex vectors of specs/ros1-mqtt.md §5.8, round trips, and malformed input. */
class MessageSerializationTest {
    private static final double[] NONE = {};

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @Test
    void stringVector() {
        assertArrayEquals(hex("020000006869"), StdString.TYPE.serialize(new StdString("hi")));
        assertEquals(new StdString("hi"), StdString.TYPE.deserialize(hex("020000006869")));
    }

    @Test
    void twistVector() {
        Twist twist = new Twist(new Vector3(1, 0, 0), new Vector3(0, 0, -0.5));
        byte[] expected = hex("000000000000f03f" + "00".repeat(32) + "000000000000e0bf");
        assertEquals(48, expected.length);
        assertArrayEquals(expected, Twist.TYPE.serialize(twist));
        assertEquals(twist, Twist.TYPE.deserialize(expected));
    }

    @Test
    void jointStateVector() {
        JointState state = new JointState(new Header(7, new Time(1, 500_000_000), "b"), List.of("j1"),
                new double[] {0.5}, NONE, NONE);
        byte[] expected = hex("07000000 01000000 0065cd1d 01000000 62 01000000 02000000 6a31 01000000"
                + " 000000000000e03f 00000000 00000000");
        assertArrayEquals(expected, JointState.TYPE.serialize(state));
        JointState back = JointState.TYPE.deserialize(expected);
        assertEquals(state.header(), back.header());
        assertEquals(List.of("j1"), back.name());
        assertArrayEquals(new double[] {0.5}, back.position());
        assertEquals(0, back.velocity().length + back.effort().length);
    }

    @Test
    void float32MultiArrayVector() {
        Float32MultiArray array = new Float32MultiArray(
                new MultiArrayLayout(List.of(new MultiArrayDimension("x", 2, 2)), 0), new float[] {1, 2});
        byte[] expected = hex("01000000 01000000 78 02000000 02000000 00000000 02000000 0000803f 00000040");
        assertArrayEquals(expected, Float32MultiArray.TYPE.serialize(array));
        Float32MultiArray back = Float32MultiArray.TYPE.deserialize(expected);
        assertEquals(array.layout(), back.layout());
        assertArrayEquals(new float[] {1, 2}, back.data());
    }

    @Test
    void jointTrajectoryVector() {
        JointTrajectory trajectory = new JointTrajectory(new Header(0, Time.ZERO, ""), List.of("j1"),
                List.of(new JointTrajectoryPoint(new double[] {0.25}, NONE, NONE, NONE, new RosDuration(2, 0))));
        byte[] expected = hex("00000000 00000000 00000000 00000000 01000000 02000000 6a31 01000000 01000000"
                + " 000000000000d03f 00000000 00000000 00000000 02000000 00000000");
        assertArrayEquals(expected, JointTrajectory.TYPE.serialize(trajectory));
        JointTrajectory back = JointTrajectory.TYPE.deserialize(expected);
        assertEquals(new RosDuration(2, 0), back.points().get(0).timeFromStart());
        assertArrayEquals(new double[] {0.25}, back.points().get(0).positions());
    }

    @Test
    void boolPoseStampedImageAndCompressedImageRoundTrip() {
        assertArrayEquals(new byte[] {1}, Bool.TYPE.serialize(new Bool(true)));
        assertEquals(new Bool(false), Bool.TYPE.deserialize(new byte[] {0}));
        PoseStamped pose = new PoseStamped(new Header(3, new Time(5, 6), "map"),
                new Pose(new Point(1, 2, 3), new Quaternion(0, 0, 0.6, 0.8)));
        assertEquals(pose, PoseStamped.TYPE.deserialize(PoseStamped.TYPE.serialize(pose)));
        assertEquals(12 + 7 + 56, PoseStamped.TYPE.serialize(pose).length);

        byte[] pixels = new byte[640 * 480 * 3];
        new Random(1).nextBytes(pixels);
        Image image = new Image(new Header(1, new Time(2, 3), "camera"), 480, 640, "rgb8", 0, 640 * 3, pixels);
        byte[] wire = Image.TYPE.serialize(image);
        // header (seq, stamp, "camera"), height, width, "rgb8", is_bigendian, step, data
        assertEquals(4 + 8 + 4 + 6 + 4 + 4 + 4 + 4 + 1 + 4 + 4 + 921_600, wire.length);
        Image back = Image.TYPE.deserialize(wire);
        assertEquals(image.header(), back.header());
        assertEquals("rgb8", back.encoding());
        assertArrayEquals(pixels, back.data());

        CompressedImage jpeg = new CompressedImage(new Header(0, Time.ZERO, "c"), "jpeg", new byte[] {(byte) 0xff, 1});
        assertArrayEquals(jpeg.data(), CompressedImage.TYPE.deserialize(CompressedImage.TYPE.serialize(jpeg)).data());
    }

    @Test
    void truncatedInputNamesTheTypeAndOffset() {
        byte[] twist = Twist.TYPE.serialize(new Twist(Vector3.ZERO, Vector3.ZERO));
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> Twist.TYPE.deserialize(Arrays.copyOf(twist, 47)));
        assertTrue(e.getMessage().startsWith("geometry_msgs/Twist: a float64 needs 8 bytes at offset 40"),
                e.getMessage());
    }

    @Test
    void aHugeCountIsRefusedBeforeAllocating() {
        byte[] claimsFourGigabytes = hex("ffffffff 6869");
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> StdString.TYPE.deserialize(claimsFourGigabytes));
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
        // 2^30 doubles would be 8 GiB: refused from the count alone.
        byte[] position = hex("00000000 00000000 00000000 00000000 00000000 00000040");
        assertThrows(MalformedMessageException.class, () -> JointState.TYPE.deserialize(position));
    }

    @Test
    void trailingBytesAreRefused() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> Bool.TYPE.deserialize(new byte[] {1, 0}));
        assertTrue(e.getMessage().contains("1 bytes left over"), e.getMessage());
    }

    @Test
    void randomGarbageOnlyEverFailsAsMalformed() {
        Random random = new Random(42);
        List<MessageType<?>> types = List.of(StdString.TYPE, Float32MultiArray.TYPE, Twist.TYPE, PoseStamped.TYPE,
                JointState.TYPE, Image.TYPE, CompressedImage.TYPE, JointTrajectory.TYPE, Bool.TYPE);
        for (int i = 0; i < 3000; i++) {
            byte[] garbage = new byte[random.nextInt(96)];
            random.nextBytes(garbage);
            MessageType<?> type = types.get(i % types.size());
            try {
                type.deserialize(garbage);
            } catch (MalformedMessageException expected) {
                assertTrue(expected.getMessage().startsWith(type.name()), expected.getMessage());
            }
        }
    }
}
