package dev.vla4j.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkExecutorTest {
    private static final Observation OBS = new Observation(Map.of("top", new RgbImage(1, 1, new byte[3])), new float[1], "");

    /** Chunk number q (0, 1, …) holds actions 100q + t for t in 0..3; it records every batch it was asked for. */
    private static final class CountingPolicy implements Policy {
        final List<Integer> batches = new ArrayList<>();
        int made;

        @Override
        public ActionChunk predictChunk(Observation observation) {
            float[][] actions = new float[4][1];
            for (int t = 0; t < 4; t++) {
                actions[t][0] = 100 * made + t;
            }
            made++;
            return new ActionChunk(actions);
        }

        @Override
        public List<ActionChunk> predictChunks(List<Observation> observations) {
            batches.add(observations.size());
            return Policy.super.predictChunks(observations);
        }
    }

    /** A chunk that shows what it was asked: action t is 100·(1 + index of its instruction in "ab…") + t. */
    private static final class InstructionEcho implements Policy {
        final List<Integer> batches = new ArrayList<>();

        @Override
        public ActionChunk predictChunk(Observation observation) {
            float[][] actions = new float[4][1];
            for (int t = 0; t < 4; t++) {
                actions[t][0] = 100 * (1 + "abcdefghij".indexOf(observation.instruction())) + t;
            }
            return new ActionChunk(actions);
        }

        @Override
        public List<ActionChunk> predictChunks(List<Observation> observations) {
            batches.add(observations.size());
            return Policy.super.predictChunks(observations);
        }
    }

    private static Observation saying(String instruction) {
        return new Observation(OBS.images(), new float[1], instruction);
    }

    /** After a new instruction (a chain's next goal) no action of a chunk asked with the old one runs. */
    @Test
    void aNewInstructionDropsTheQueuedActionsOfItsStreamOnly() {
        InstructionEcho policy = new InstructionEcho();
        ChunkExecutor executor = ChunkExecutor.openLoop(policy, 4);
        List<Float> changing = new ArrayList<>();
        List<Float> steady = new ArrayList<>();
        for (String instruction : List.of("a", "a", "b", "b", "b")) {
            List<float[]> actions = executor.nextActions(List.of(saying(instruction), saying("a")));
            changing.add(actions.get(0)[0]);
            steady.add(actions.get(1)[0]);
        }
        assertEquals(List.of(100f, 101f, 200f, 201f, 202f), changing);
        assertEquals(List.of(100f, 101f, 102f, 103f, 100f), steady, "the other stream keeps its chunk");
        assertEquals(List.of(2, 1, 1), policy.batches);

        ChunkExecutor ensembled = ChunkExecutor.ensembled(new InstructionEcho(), 0.0);
        ensembled.nextAction(saying("a"));
        ensembled.nextAction(saying("a"));
        assertArrayEquals(new float[] {200f}, ensembled.nextAction(saying("b")), "no vote from the old chunks");
        assertArrayEquals(new float[] {(201f + 200f) / 2}, ensembled.nextAction(saying("b")));
    }

    @Test
    void openLoopExecutesTheFirstStepsThenQueriesAgainInOneBatchForAllStreams() {
        CountingPolicy policy = new CountingPolicy();
        ChunkExecutor executor = ChunkExecutor.openLoop(policy, 3);
        List<Float> stream0 = new ArrayList<>();
        for (int step = 0; step < 6; step++) {
            stream0.add(executor.nextActions(List.of(OBS, OBS)).get(0)[0]);
        }
        assertEquals(List.of(0f, 1f, 2f, 200f, 201f, 202f), stream0);
        assertEquals(List.of(2, 2), policy.batches);
    }

    @Test
    void temporalEnsemblingAveragesTheOverlappingChunksOldestFirst() {
        CountingPolicy policy = new CountingPolicy();
        ChunkExecutor executor = ChunkExecutor.ensembled(policy, 0.0); // equal weights
        assertArrayEquals(new float[] {0f}, executor.nextAction(OBS));
        assertArrayEquals(new float[] {(1f + 100f) / 2}, executor.nextAction(OBS));
        assertArrayEquals(new float[] {(2f + 101f + 200f) / 3}, executor.nextAction(OBS));
        ChunkExecutor decayed = ChunkExecutor.ensembled(new CountingPolicy(), 1.0);
        decayed.nextAction(OBS);
        double w1 = Math.exp(-1);
        assertArrayEquals(new float[] {(float) ((1 + w1 * 100) / (1 + w1))}, decayed.nextAction(OBS), 1e-4f);
        assertThrows(IllegalArgumentException.class, () -> ChunkExecutor.openLoop(policy, 0));
        assertThrows(IllegalArgumentException.class, () -> ChunkExecutor.ensembled(policy, -1));
        assertThrows(IllegalArgumentException.class, () -> ChunkExecution.ensembled(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ChunkExecution.ensembled(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new ChunkExecution(2, 0.01), "an ensemble asks every step");
        assertEquals("temporal ensembling, decay 0.01", ChunkExecution.ensembled(0.01).toString());
        assertEquals("open loop, 4 action(s) per query", ChunkExecution.openLoop(4).toString());
    }
    /** The frames a stream's instruction began with reach the policy with every later query of that instruction. */
    @Test
    void eachStreamShowsThePolicyTheFramesItsInstructionBeganWith() {
        List<Integer> seenStarts = new ArrayList<>(); // the pixel value of each query's instruction-start frame
        Policy policy = observation -> {
            seenStarts.add(observation.instructionStart().get("top").rgb()[0] & 0xff);
            return new ActionChunk(new float[][] {{0f}});
        };
        ChunkExecutor executor = ChunkExecutor.openLoop(policy, 1);
        executor.nextAction(frame(1, "a"));
        executor.nextAction(frame(2, "a"));
        executor.nextAction(frame(3, "b")); // a new instruction starts at this frame
        executor.nextAction(frame(4, "b"));
        executor.reset(0);                  // a new episode: the same instruction starts again
        executor.nextAction(frame(5, "b"));
        executor.nextAction(frame(6, "b"));
        assertEquals(List.of(1, 1, 3, 3, 5, 5), seenStarts);
        Observation kept = frame(7, "b").withInstructionStart(frame(9, "b").images());
        executor.nextAction(kept);
        assertEquals(9, seenStarts.get(6), "frames the caller kept itself are passed on unchanged");
    }

    private static Observation frame(int pixel, String instruction) {
        return new Observation(Map.of("top", new RgbImage(1, 1, new byte[] {(byte) pixel, 0, 0})), new float[1],
                instruction);
    }
}
