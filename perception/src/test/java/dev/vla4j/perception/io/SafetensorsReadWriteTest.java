package dev.vla4j.perception.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.testkit.GoldenFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafetensorsReadWriteTest {
    private final NDManager manager = Engine.getInstance().newBaseManager();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void everyLoadableDtypeReadsBackWithNamesShapesAndMetadata() throws IOException {
        Path file = SafetensorsTestFiles.mixed(dir.resolve("mixed.safetensors"));
        assertEquals(0, (8 + ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()) % 8,
                "header must be padded to a multiple of 8");
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(List.of("weight", "ids", "scale", "bf16", "f16"), List.copyOf(st.names()));
            assertEquals(Map.of("format", "pt"), st.metadata());
            NDArray weight = st.load(manager, "weight");
            assertEquals(new Shape(2, 3), weight.getShape());
            assertEquals(DataType.FLOAT32, weight.getDataType());
            assertEquals("weight", weight.getName());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, -6}, weight.toFloatArray());
            NDArray ids = st.load(manager, "ids");
            assertEquals(DataType.INT64, ids.getDataType());
            assertArrayEquals(new long[] {7, -1L << 40}, ids.toLongArray());
            NDArray scale = st.load(manager, "scale");
            assertEquals(new Shape(), scale.getShape());
            assertEquals(0.5f, scale.getFloat());
            // bf16 0x3F80 = 1.0, 0xC020 = -2.5, 0x0001 = smallest subnormal 2^-133
            assertArrayEquals(new float[] {1f, -2.5f, 0x1p-133f}, st.load(manager, "bf16").toFloatArray());
            // f16 0x3C00 = 1.0, 0x0001 = smallest subnormal 2^-24
            assertArrayEquals(new float[] {1f, 0x1p-24f}, st.readFloats("f16"));
        }
    }

    @Test
    void halfFloatsDecodeTheSpecialValues() {
        assertEquals(Float.POSITIVE_INFINITY, HalfFloat.toFloat((short) 0x7C00));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloat.toFloat((short) 0xFC00));
        assertTrue(Float.isNaN(HalfFloat.toFloat((short) 0x7E00)));
        assertEquals(-0f, HalfFloat.toFloat((short) 0x8000));
        assertEquals(65504f, HalfFloat.toFloat((short) 0x7BFF));
        assertEquals(0.333251953125f, HalfFloat.toFloat((short) 0x3555));
    }

    @Test
    void aSmallReadWindowGivesTheSameValuesAsOneWindow() throws IOException {
        Path file = SafetensorsTestFiles.mixed(dir.resolve("mixed.safetensors"));
        try (SafetensorsFile whole = SafetensorsFile.open(file); SafetensorsFile windowed = SafetensorsFile.open(file, 6)) {
            for (String name : whole.names()) {
                assertArrayEquals(whole.load(manager, name).toByteArray(), windowed.load(manager, name).toByteArray(), name);
            }
        }
    }

    @Test
    void ourWriterRoundTripsDjlArraysAndDjlsDecoderAgrees() throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("a", manager.randomNormal(new Shape(4, 5)));
        tensors.put("b", manager.arange(0L, 6L, 1L, DataType.INT64).reshape(2, 3));
        tensors.put("empty", manager.zeros(new Shape(0, 3)));
        Path file = dir.resolve("rt.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of("k", "v"));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
             NDManager other = Engine.getInstance().newBaseManager()) {
            Map<String, NDArray> read = checkpoint.loadAll(manager);
            Map<String, NDArray> djl = new LinkedHashMap<>();
            ai.djl.ndarray.NDList.decode(other, Files.newInputStream(file)).forEach(a -> djl.put(a.getName(), a));
            for (String name : tensors.keySet()) {
                assertEquals(tensors.get(name), read.get(name), name);
                assertArrayEquals(tensors.get(name).toByteArray(), djl.get(name).toByteArray(), "DJL decoder: " + name);
            }
            assertEquals(Map.of("k", "v"), checkpoint.metadata());
        }
    }

    @Test
    void everyGoldenTensorReadsExactlyAsDjlsDecoderReadsIt() {
        for (String name : List.of("qwen2_tiny.safetensors", "bridge_attention_pro.safetensors",
                "fastvithd_tiny_trainform.safetensors")) {
            try (GoldenFile golden = GoldenFile.open(name); SafetensorsFile ours = SafetensorsFile.open(golden.path())) {
                assertEquals(golden.names(), ours.names(), name);
                for (String tensor : ours.names()) {
                    NDArray mine = ours.load(manager, tensor);
                    NDArray reference = golden.get(tensor);
                    assertEquals(reference.getShape(), mine.getShape(), tensor);
                    assertArrayEquals(reference.toByteArray(), mine.toByteArray(), name + " " + tensor);
                }
                assertEquals(golden.meta("torch"), ours.metadata().get("torch"));
            }
        }
    }

    @Test
    void aFileOverTwoGigabytesReadsTheTensorPastTheTwoGigabyteOffset() throws IOException {
        long big = (1L << 31) + 24; // a U8 tensor pushing the next one past 2^31
        String json = "{\"big\":{\"dtype\":\"U8\",\"shape\":[" + big + "],\"data_offsets\":[0," + big + "]},"
                + "\"tail\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[" + big + "," + (big + 16) + "]}}";
        byte[] header = (json + " ".repeat((8 - json.length() % 8) % 8)).getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("big.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) { // sparse: ~no disk used
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            raf.write(header);
            raf.seek(8 + header.length + big);
            raf.write(SafetensorsTestFiles.floats(1.5f, -2f, 3f, 4.25f).array());
        }
        assertTrue(Files.size(file) > (1L << 31));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertArrayEquals(new float[] {1.5f, -2f, 3f, 4.25f}, checkpoint.load(manager, "tail").toFloatArray());
            CheckpointException e = assertThrows(CheckpointException.class, () -> checkpoint.load(manager, "big"));
            assertTrue(e.getMessage().contains("'big' has dtype U8"), e.getMessage());
        }
    }

    @Test
    void shardedCheckpointsLoadThroughTheirIndex() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        SafetensorsWriter.write(model.resolve("model-00001-of-00002.safetensors"),
                Map.of("a", manager.ones(new Shape(2))), Map.of());
        SafetensorsWriter.write(model.resolve("model-00002-of-00002.safetensors"),
                Map.of("b", manager.zeros(new Shape(3))), Map.of());
        writeIndex(model, "{\"a\":\"model-00001-of-00002.safetensors\",\"b\":\"model-00002-of-00002.safetensors\"}");
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(model)) {
            assertEquals(Map.of("a", new Shape(2), "b", new Shape(3)), checkpoint.shapes());
            Weights weights = checkpoint.weights(manager);
            assertArrayEquals(new float[] {1, 1}, weights.take("a", new Shape(2)).toFloatArray());
            assertEquals(java.util.Set.of("b"), weights.unused());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":\"model-00001-of-00002.safetensors\",\"b\":\"model-00002-of-00002.safetensors\"}|'a2' in model-00001-of-00002.safetensors is not listed",
        "{\"a\":\"model-00002-of-00002.safetensors\",\"b\":\"model-00002-of-00002.safetensors\"}|does not contain it",
        "{\"a\":\"../x.safetensors\"}|outside the model folder",
        "{\"a\":\"missing.safetensors\"}|cannot read",
        "[1,2]|has no weight_map object",
    })
    void aBrokenShardIndexIsRefusedWithItsReason(String caseText) throws IOException {
        String[] parts = caseText.split("\\|");
        Path model = Files.createDirectories(dir.resolve("model"));
        SafetensorsWriter.write(model.resolve("model-00001-of-00002.safetensors"),
                Map.of("a", manager.ones(new Shape(2)), "a2", manager.ones(new Shape(1))), Map.of());
        SafetensorsWriter.write(model.resolve("model-00002-of-00002.safetensors"), Map.of("b", manager.ones(new Shape(2))), Map.of());
        Files.writeString(dir.resolve("x.safetensors"), "x");
        writeIndex(model, parts[0]);
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(model));
        assertTrue(e.getMessage().contains(parts[1]), e.getMessage());
    }

    @Test
    void aFailedWriteLeavesThePreviousFileIntactAndNoPartialFile() throws IOException {
        Path file = SafetensorsTestFiles.mixed(dir.resolve("ckpt.safetensors"));
        byte[] before = Files.readAllBytes(file);
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.writeRaw(file, List.of(
                new SafetensorsWriter.RawTensor("bad", TensorDType.F32, new long[] {3}, SafetensorsTestFiles.floats(1))),
                Map.of()));
        assertArrayEquals(before, Files.readAllBytes(file));
        Path blocked = dir.resolve("a-file");
        Files.writeString(blocked, "not a folder");
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsWriter.write(
                blocked.resolve("x.safetensors"), Map.of("a", manager.ones(new Shape(1))), Map.of()));
        assertTrue(e.getMessage().contains("cannot write"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".partial")), "a partial file was left");
        }
    }

    @Test
    void writingABf16DjlArrayIsRefusedRatherThanCrashing() {
        NDArray ints = manager.create(new int[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(dir.resolve("x.safetensors"), Map.of("ints", ints), Map.of()));
        assertTrue(e.getMessage().contains("'ints' is int32"), e.getMessage());
    }

    private static void writeIndex(Path model, String weightMap) throws IOException {
        Files.writeString(model.resolve(SafetensorsCheckpoint.INDEX_FILE),
                weightMap.startsWith("[") ? weightMap : "{\"metadata\":{},\"weight_map\":" + weightMap + "}");
    }
}
