package dev.vla4j.policy.vla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeypointReadoutTest {
    private static final VlaConfig CONFIG = VlaConfig.tiny(2, 4).withKeypoints(1, 0); // the tiny tower: 16 channels at stride 8
    private static final int CHANNELS = 16;
    private static final int SIDE = 16;
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Engine.getInstance().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A readout whose one query looks for channel 0 whatever the instruction says. */
    private KeypointReadout channelZeroFinder() {
        float[] bias = new float[CHANNELS];
        bias[0] = 50;
        return new KeypointReadout(CONFIG, Map.of(KeypointReadout.WEIGHT, manager.zeros(new Shape(CHANNELS, 64)),
                KeypointReadout.BIAS, manager.create(bias)));
    }

    /** (1, C, 16, 16) zeros with channel 0 lit at one cell. */
    private NDArray peakAt(int row, int column) {
        NDArray map = manager.zeros(new Shape(1, CHANNELS, SIDE, SIDE));
        map.set(new NDIndex(0, 0, row, column), 10f);
        return map;
    }

    @Test
    void aSharpPeakReadsAsItsCellCentreAndAFlatMapAsTheImageCentre() {
        KeypointReadout readout = channelZeroFinder();
        NDArray instruction = manager.ones(new Shape(1, 64));
        float[] peak = readout.positions(peakAt(3, 12), instruction).toFloatArray();
        assertArrayEquals(new float[] {12.5f / SIDE * 2 - 1, 3.5f / SIDE * 2 - 1}, peak, 1e-4f, "x right, y down");
        float[] flat = readout.positions(manager.zeros(new Shape(1, CHANNELS, SIDE, SIDE)), instruction).toFloatArray();
        assertArrayEquals(new float[] {0f, 0f}, flat, 1e-6f);
    }

    @Test
    void eachCameraGetsItsOwnPositionsInCameraOrder() {
        KeypointReadout readout = channelZeroFinder();
        NDArray maps = peakAt(0, 0).concat(peakAt(15, 15), 0); // sample 0's two cameras
        float[] positions = readout.positions(maps, manager.ones(new Shape(1, 64))).toFloatArray();
        float corner = 0.5f / SIDE * 2 - 1;
        assertArrayEquals(new float[] {corner, corner, -corner, -corner}, positions, 1e-4f);
    }

    @Test
    void theInstructionChoosesWhatIsFound() {
        float[] weight = new float[CHANNELS * 64]; // query channel c = 50 × instruction[c]
        for (int c = 0; c < CHANNELS; c++) {
            weight[c * 64 + c] = 50;
        }
        KeypointReadout readout = new KeypointReadout(CONFIG, Map.of(KeypointReadout.WEIGHT,
                manager.create(weight, new Shape(CHANNELS, 64)), KeypointReadout.BIAS, manager.zeros(new Shape(CHANNELS))));
        NDArray map = peakAt(2, 2);
        map.set(new NDIndex(0, 1, 13, 9), 10f); // channel 1 lit elsewhere
        float[] first = new float[64];
        first[0] = 1;
        float[] second = new float[64];
        second[1] = 1;
        NDArray instructions = manager.create(first).reshape(1, 64).concat(manager.create(second).reshape(1, 64), 0);
        float[] found = readout.positions(map.concat(map, 0), instructions).toFloatArray();
        assertEquals(2.5f / SIDE * 2 - 1, found[0], 1e-4f);
        assertEquals(9.5f / SIDE * 2 - 1, found[2], 1e-4f);
        assertEquals(13.5f / SIDE * 2 - 1, found[3], 1e-4f);
    }

    /**
     * One conditioned keypoint looking for channel 0 and two slots for channels 1 and 2; the choice among (slot 0,
     * slot 1, own position) is {@code selectBias} plus 50 × instruction[0] for slot 0 and 50 × instruction[1] for slot 1.
     */
    private KeypointReadout withTwoSlots(float[] selectBias) {
        float[] bias = new float[CHANNELS];
        bias[0] = 50;
        float[] slots = new float[2 * CHANNELS];
        slots[1] = 50;                 // slot 0 looks for channel 1
        slots[CHANNELS + 2] = 50;      // slot 1 for channel 2
        float[] select = new float[3 * 64];
        select[0] = 50;
        select[64 + 1] = 50;
        return new KeypointReadout(VlaConfig.tiny(2, 4).withKeypoints(1, 2), Map.of(KeypointReadout.WEIGHT,
                manager.zeros(new Shape(CHANNELS, 64)), KeypointReadout.BIAS, manager.create(bias),
                KeypointReadout.SLOTS, manager.create(slots, new Shape(2, CHANNELS)),
                KeypointReadout.SELECT_WEIGHT, manager.create(select, new Shape(3, 64)),
                KeypointReadout.SELECT_BIAS, manager.create(selectBias)));
    }

    /** (1, C, 16, 16): channel 0 lit at (2, 2), channel 1 at (13, 9), channel 2 at (7, 4). */
    private NDArray threeThings() {
        NDArray map = peakAt(2, 2);
        map.set(new NDIndex(0, 1, 13, 9), 10f);
        map.set(new NDIndex(0, 2, 7, 4), 10f);
        return map;
    }

    @Test
    void slotsLookForTheirOwnChannelWhateverTheInstructionAndComeAfterTheConditionedKeypoints() {
        VlaConfig config = VlaConfig.tiny(2, 4).withKeypoints(1, 2);
        KeypointReadout readout = withTwoSlots(new float[] {0, 0, 50}); // the keypoint keeps its own position
        NDArray positions = readout.positions(threeThings(), manager.randomNormal(new Shape(1, 64)).mul(0.01f));
        float[] cell = {2.5f, 2.5f, 9.5f, 13.5f, 4.5f, 7.5f};
        float[] expected = new float[6];
        for (int i = 0; i < 6; i++) {
            expected[i] = cell[i] / SIDE * 2 - 1;
        }
        assertArrayEquals(expected, positions.toFloatArray(), 1e-4f);
        assertArrayEquals(expected, KeypointReadout.firstCamera(positions, config).toFloatArray(), 0f);
        assertEquals(new Shape(1, 3, 2), KeypointReadout.firstCamera(positions, config).getShape());
    }

    @Test
    void theInstructionPicksASlotsPositionForAConditionedKeypoint() {
        KeypointReadout readout = withTwoSlots(new float[3]);
        NDArray instructions = manager.zeros(new Shape(2, 64));
        instructions.set(new NDIndex(0, 0), 1f); // sample 0 names what slot 0 finds
        instructions.set(new NDIndex(1, 1), 1f); // sample 1 what slot 1 finds
        float[] found = readout.positions(threeThings().concat(threeThings(), 0), instructions).toFloatArray();
        assertArrayEquals(new float[] {9.5f / SIDE * 2 - 1, 13.5f / SIDE * 2 - 1}, new float[] {found[0], found[1]},
                1e-4f, "sample 0's keypoint is slot 0's block");
        assertArrayEquals(new float[] {4.5f / SIDE * 2 - 1, 7.5f / SIDE * 2 - 1}, new float[] {found[6], found[7]},
                1e-4f, "sample 1's keypoint is slot 1's block");
        float[] undecided = readout.positions(threeThings(), manager.zeros(new Shape(1, 64))).toFloatArray();
        assertEquals((2.5f + 9.5f + 4.5f) / 3 / SIDE * 2 - 1, undecided[0], 1e-4f, "no preference: the mean candidate");
    }

    @Test
    void thePositionLossAveragesOverPresentTargetsOnly() {
        NDArray slots = manager.create(new float[] {0.5f, -0.5f, 0.1f, 0.2f}, new Shape(1, 2, 2));
        // slot 0 is 0.1 off in u; slot 1's block is absent, so its large miss does not count
        NDArray targets = manager.create(new float[] {0.6f, -0.5f, 0.9f, -0.9f}, new Shape(1, 2, 2));
        NDArray present = manager.create(new float[] {1, 0}, new Shape(1, 2));
        assertEquals(0.05f, KeypointReadout.positionLoss(slots, targets, present).getFloat(), 1e-6f, "(0.1 + 0) / 2 values");
        assertEquals(0f, KeypointReadout.positionLoss(slots, targets, manager.zeros(new Shape(1, 2))).getFloat(),
                "no block present: nothing to learn, not a division by zero");
    }

    @Test
    void missingOrMisshapenTensorsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KeypointReadout(CONFIG,
                Map.of(KeypointReadout.WEIGHT, manager.zeros(new Shape(CHANNELS, 64)))));
        assertTrue(e.getMessage().contains(KeypointReadout.BIAS), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KeypointReadout(CONFIG, Map.of(
                KeypointReadout.WEIGHT, manager.zeros(new Shape(CHANNELS, 63)), KeypointReadout.BIAS,
                manager.zeros(new Shape(CHANNELS)))));
        assertTrue(e.getMessage().contains(KeypointReadout.WEIGHT), e.getMessage());
    }
}
