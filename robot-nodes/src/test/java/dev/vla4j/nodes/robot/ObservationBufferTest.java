package dev.vla4j.nodes.robot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.Observation;
import dev.vla4j.policy.RgbImage;
import dev.vla4j.policy.Robot;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ObservationBufferTest {
    private static final Duration NO_WAIT = Duration.ofMillis(1);
    private final ObservationBuffer buffer = new ObservationBuffer(new RobotShape(
            new Robot.ObservationSpec(Map.of("primary", new int[] {4, 2}), 2),
            new Robot.ActionSpec(new float[] {-1}, new float[] {1})));

    private static RgbImage image(int width, int height) {
        return new RgbImage(width, height, new byte[width * height * 3]);
    }

    @Test
    void pairsAFrameWithTheStateThatFollowsIt() throws Exception {
        buffer.frame("primary", image(4, 2), 1);
        buffer.state(new float[] {1, 0});
        buffer.instruction("push");
        Observation first = buffer.awaitNewer(NO_WAIT);
        assertArrayEquals(new float[] {1, 0}, first.state());
        assertEquals("push", first.instruction());
        buffer.frame("primary", image(4, 2), 2);
        assertThrows(TimeoutException.class, () -> buffer.awaitNewer(NO_WAIT), "the new frame's state is not here yet");
        buffer.state(new float[] {2, 0});
        assertArrayEquals(new float[] {2, 0}, buffer.awaitNewer(NO_WAIT).state());
    }

    @Test
    void neverReturnsTheSameObservationTwice() throws Exception {
        buffer.frame("primary", image(4, 2), 1);
        buffer.state(new float[] {1, 0});
        buffer.awaitNewer(NO_WAIT);
        TimeoutException e = assertThrows(TimeoutException.class, () -> buffer.awaitNewer(NO_WAIT));
        assertTrue(e.getMessage().contains("no new observation"), e.getMessage());
    }

    @Test
    void refusesWrongSizesLengthsAndValuesNamingThem() {
        assertMessage("sent a 2x4 frame, expected 4x2", () -> buffer.frame("primary", image(2, 4), 1));
        assertMessage("unknown camera 'wrist'", () -> buffer.frame("wrist", image(4, 2), 1));
        assertMessage("state has 3 values, expected 2", () -> buffer.state(new float[] {1, 2, 3}));
        assertMessage("non-finite", () -> buffer.state(new float[] {1, Float.NaN}));
        assertThrows(TimeoutException.class, () -> buffer.awaitNewer(NO_WAIT), "nothing refused was stored");
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
