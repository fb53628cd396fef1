package dev.vla4j.nodes.ros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TCPROS connection headers and frames (specs/ros1-mqtt.md §5.6–§5.7), including malformed ones. */
class TcpRosTest {

    @Test
    void aHeaderIsLengthPrefixedFieldsSplitAtTheFirstEquals() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("topic", "/a");
        fields.put("error", "x=y");
        byte[] wire = TcpRos.encodeHeader(fields);
        HexFormat hex = HexFormat.of();
        String expected = "19000000" // 25 bytes of fields follow
                + "08000000" + hex.formatHex("topic=/a".getBytes(StandardCharsets.UTF_8))
                + "09000000" + hex.formatHex("error=x=y".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, hex.formatHex(wire));
        assertEquals(fields, TcpRos.readHeader(new ByteArrayInputStream(wire)));
    }

    @Test
    void malformedHeadersAreRefusedWithAReason() {
        TcpRosException noEquals = assertThrows(TcpRosException.class,
                () -> TcpRos.decodeHeaderFields(HexFormat.of().parseHex("03000000616263")));
        assertTrue(noEquals.getMessage().contains("without '='"), noEquals.getMessage());
        TcpRosException overrun = assertThrows(TcpRosException.class,
                () -> TcpRos.decodeHeaderFields(HexFormat.of().parseHex("ff000000616263")));
        assertTrue(overrun.getMessage().contains("overruns"), overrun.getMessage());
        TcpRosException huge = assertThrows(TcpRosException.class,
                () -> TcpRos.readHeader(new ByteArrayInputStream(HexFormat.of().parseHex("ffffff7f00"))));
        assertTrue(huge.getMessage().contains("over the limit"), huge.getMessage());
        TcpRosException empty = assertThrows(TcpRosException.class,
                () -> TcpRos.readHeader(new ByteArrayInputStream(new byte[0])));
        assertTrue(empty.getMessage().contains("before the TCPROS connection header"), empty.getMessage());
    }

    @Test
    void framesRoundTripAndACleanEndIsNotAnError() throws Exception {
        byte[] twoFrames = new byte[14];
        System.arraycopy(TcpRos.frame(new byte[] {7, 8}), 0, twoFrames, 0, 6);
        System.arraycopy(TcpRos.frame(new byte[] {1, 2, 3, 4}), 0, twoFrames, 6, 8);
        ByteArrayInputStream in = new ByteArrayInputStream(twoFrames);
        assertArrayEquals(new byte[] {7, 8}, TcpRos.readFrame(in, 16, "frame"));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, TcpRos.readFrame(in, 16, "frame"));
        assertNull(TcpRos.readFrame(in, 16, "frame"));
    }

    @Test
    void truncatedAndOversizedFramesAreRefusedBeforeAllocating() {
        byte[] frame = TcpRos.frame(new byte[48]);
        TcpRosException truncated = assertThrows(TcpRosException.class,
                () -> TcpRos.readFrame(new ByteArrayInputStream(Arrays.copyOf(frame, 14)), 64, "Twist frame"));
        assertEquals("connection closed after 10 of the 48 bytes of a Twist frame (truncated)", truncated.getMessage());
        TcpRosException brokenLength = assertThrows(TcpRosException.class,
                () -> TcpRos.readFrame(new ByteArrayInputStream(new byte[] {1, 0}), 64, "frame"));
        assertTrue(brokenLength.getMessage().contains("inside the length"), brokenLength.getMessage());
        TcpRosException oversized = assertThrows(TcpRosException.class,
                () -> TcpRos.readFrame(new ByteArrayInputStream(HexFormat.of().parseHex("ffffffff")), 64 << 20, "frame"));
        assertEquals("frame claims 4294967295 bytes, over the limit of 67108864", oversized.getMessage());
    }
}
