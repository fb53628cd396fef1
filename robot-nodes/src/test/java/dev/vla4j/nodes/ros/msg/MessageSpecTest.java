package dev.vla4j.nodes.ros.msg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** md5sums computed from the shipped .msg texts against specs/ros1-mqtt.md §4, definitions against §5.10. */
class MessageSpecTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "std_msgs/Header, 2176decaecbce78abc3b96ef049fabed",
        "std_msgs/String, 992ce8a1687cec8c8bd883ec73ca41d1",
        "std_msgs/Float32MultiArray, 6a40e0ffa6a17a503ac3f8616991b1f6",
        "std_msgs/MultiArrayLayout, 0fed2a11c13e11c5571b4e2a995a91a3",
        "std_msgs/MultiArrayDimension, 4cd0c83a8683deae40ecdac60e53bfa8",
        "geometry_msgs/Twist, 9f195f881246fdfa2798d1d3eebca84a",
        "geometry_msgs/Vector3, 4a842b65f413084dc2b10fb484ea7f17",
        "geometry_msgs/PoseStamped, d3812c3cbc69362b77dc0b19b345f8f5",
        "geometry_msgs/Pose, e45d45a5a1ce597b249e23fb30fc871f",
        "sensor_msgs/JointState, 3066dcd76a6cfaef579bd0f34173e9fd",
        "sensor_msgs/Image, 060021388200f6f0f447d0fcd9c64743",
        "sensor_msgs/CompressedImage, 8f7a12909da2c9d3332d540a0977563f",
        "trajectory_msgs/JointTrajectory, 65b4f94a94d1ed67169da35a02f33d3f",
        "trajectory_msgs/JointTrajectoryPoint, f3cd1e1c4d320c79d6985c904ae5dcd3",
        "std_msgs/Bool, 8b94c1b53db61fb6aed406028ad6332a",
    })
    void md5sumsComputedFromTheMsgTextsMatchGenpy(String type, String md5) {
        assertEquals(md5, MessageSpec.of(type).md5());
    }

    @Test
    void theRecordsTypesCarryTheComputedSums() {
        assertEquals("9f195f881246fdfa2798d1d3eebca84a", Twist.TYPE.md5());
        assertEquals("060021388200f6f0f447d0fcd9c64743", Image.TYPE.md5());
        assertEquals("std_msgs/Bool", Bool.TYPE.name());
        assertEquals("bool data", Bool.TYPE.definition());
    }

    /** Every block of ros1-msg-defs.txt (genpy's _full_text) equals the definition composed from single .msg files. */
    @Test
    void fullDefinitionsEqualGenpysTextsCharacterForCharacter() throws IOException {
        Map<String, String> expected = genpyFullTexts();
        assertEquals(8, expected.size(), "blocks in ros1-msg-defs.txt");
        expected.forEach((type, text) -> assertEquals(text, MessageSpec.of(type).fullText(), type));
        List<MessageType<?>> shipped = List.of(StdString.TYPE, Float32MultiArray.TYPE, Twist.TYPE, PoseStamped.TYPE,
                JointState.TYPE, Image.TYPE, CompressedImage.TYPE, JointTrajectory.TYPE);
        shipped.forEach(type -> assertEquals(expected.get(type.name()), type.definition(), type.name()));
    }

    @Test
    void constantsComeFirstAndStringConstantsKeepTheirHash() {
        MessageSpec spec = MessageSpec.parse("test_msgs/Mode", """
                # a comment line
                uint8 mode   # trailing comment
                uint8 AUTO = 1 # constant with comment
                string LABEL=a # b
                Header header
                """, MessageSpec::of);
        String hashed = "uint8 AUTO=1\nstring LABEL=a # b\nuint8 mode\n2176decaecbce78abc3b96ef049fabed header";
        assertEquals(md5(hashed), spec.md5());
        assertEquals("std_msgs/Header", spec.fields().get(1).type());
    }

    @Test
    void unknownTypesAndBadLinesAreNamed() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> MessageSpec.of("nav_msgs/Odometry"));
        assertTrue(missing.getMessage().contains("nav_msgs/Odometry"), missing.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> MessageSpec.parse("test_msgs/Bad", "float64\n", MessageSpec::of));
        assertTrue(bad.getMessage().contains("test_msgs/Bad.msg line 1"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MessageSpec.of("../etc/passwd"));
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Parses ros1-msg-defs.txt: each "#### type md5=... len(full_text)=N" line is followed by exactly N chars. */
    private static Map<String, String> genpyFullTexts() throws IOException {
        String file;
        try (InputStream in = MessageSpecTest.class.getResourceAsStream("ros1-msg-defs.txt")) {
            file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        Matcher block = Pattern.compile("(?m)^#### (\\S+) md5=\\w+ len\\(full_text\\)=(\\d+)\\n").matcher(file);
        while (block.find()) {
            texts.put(block.group(1), file.substring(block.end(), block.end() + Integer.parseInt(block.group(2))));
        }
        return texts;
    }
}
