package dev.vla4j.perception.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Corrupt files fail with a CheckpointException naming the file (and tensor), never a crash or an OOM. */
class SafetensorsCorruptInputTest {
    @TempDir
    Path dir;

    /** A file with the given header JSON (padded) and {@code dataBytes} zero bytes of data. */
    private Path file(String json, int dataBytes) throws IOException {
        byte[] header = (json + " ".repeat((8 - json.length() % 8) % 8)).getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(header.length).put(header);
        Path file = dir.resolve("corrupt.safetensors");
        Files.write(file, bytes.array());
        return file;
    }

    private static String tensor(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    private static void assertRefused(Path file, String... fragments) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(file).close());
        assertTrue(e.getMessage().startsWith(file.toString()), "message must name the file: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown dtype      | {" + "\"w\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}} | 8 | tensor 'w' has unknown dtype",
        "offsets past end   | {" + "\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}} | 8 | outside the 8-byte data buffer",
        "size mismatch      | {" + "\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}} | 8 | needs 12",
        "negative dimension | {" + "\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}} | 8 | malformed shape",
        "begin after end    | {" + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}} | 8 | outside",
        "huge shape         | {" + "\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}} | 8 | too large",
        "non-array shape    | {" + "\"w\":{\"dtype\":\"F32\",\"shape\":\"2\",\"data_offsets\":[0,8]}} | 8 | malformed shape",
        "fractional offset  | {" + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8.5]}} | 8 | malformed data_offsets",
        "entry not object   | {\"w\":3} | 8 | tensor 'w' is not an object",
        "metadata not text  | {\"__metadata__\":{\"k\":1}} | 0 | __metadata__ value 'k' is not a string",
        "not json           | {oops | 0 | not valid JSON",
        "not an object      | [1,2,3] | 0 | does not start with '{'",
        "duplicate key      | {" + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}} | 8 | Duplicate field 'w'",
        "trailing bytes     | {" + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}} | 12 | tensors cover 8 bytes but the data buffer has 12",
    })
    void aCorruptHeaderIsRefusedNamingWhatIsWrong(String what, String json, int dataBytes, String expected)
            throws IOException {
        assertRefused(file(json.strip(), dataBytes), expected.strip());
    }

    @Test
    void overlappingAndGappedRangesAreRefused() throws IOException {
        assertRefused(file("{" + tensor("a", "F32", "[2]", 0, 8) + "," + tensor("b", "F32", "[2]", 4, 12) + "}", 12),
                "overlaps");
        assertRefused(file("{" + tensor("a", "F32", "[1]", 0, 4) + "," + tensor("b", "F32", "[1]", 8, 12) + "}", 12),
                "4 unused bytes before tensor 'b'");
    }

    @Test
    void badLengthPrefixesAndTruncationAreRefused() throws IOException {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertRefused(tiny, "not a safetensors file (3 bytes");
        Path huge = dir.resolve("huge.safetensors");
        Files.write(huge, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).array());
        assertRefused(huge, "header length 18446744073709551615 is outside");
        Path pastEnd = dir.resolve("past.safetensors");
        Files.write(pastEnd, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertRefused(pastEnd, "runs past the end of the 16-byte file");
        Path valid = SafetensorsTestFiles.mixed(dir.resolve("valid.safetensors"));
        byte[] bytes = Files.readAllBytes(valid);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 3));
        assertRefused(truncated, "truncated");
    }

    @Test
    void anUnsupportedDtypeFailsOnLoadNamingTheTensor() throws IOException {
        Path file = file("{" + tensor("counts", "I32", "[2]", 0, 8) + "}", 8);
        try (NDManager manager = Engine.getInstance().newBaseManager(); SafetensorsFile st = SafetensorsFile.open(file)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> st.load(manager, "counts"));
            assertTrue(e.getMessage().contains("'counts' has dtype I32"), e.getMessage());
            assertThrows(CheckpointException.class, () -> st.load(manager, "absent"));
        }
    }

    /**
     * Fuzz: 3,000 seeded mutations of a valid file (byte flips, truncation, insertions, header-length edits). Every
     * one must either load completely or fail with a CheckpointException; nothing else may escape.
     */
    @Test
    void mutatedFilesLoadOrFailCleanly() throws IOException {
        byte[] original = Files.readAllBytes(SafetensorsTestFiles.mixed(dir.resolve("seed.safetensors")));
        Random random = new Random(20261126);
        Path target = dir.resolve("mutant.safetensors");
        int refused = 0;
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            for (int i = 0; i < 3000; i++) {
                byte[] mutant = mutate(original, random);
                Files.write(target, mutant);
                try (SafetensorsFile st = SafetensorsFile.open(target); NDManager scope = manager.newSubManager()) {
                    for (String name : st.names()) {
                        st.load(scope, name);
                    }
                } catch (CheckpointException expected) {
                    refused++;
                } catch (RuntimeException | Error e) {
                    fail("mutation " + i + " escaped as " + e, e);
                }
            }
        }
        assertTrue(refused > 1000, "the fuzzer should break most files; it broke " + refused);
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> { // flip 1..4 bytes anywhere
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length)); // truncate
            case 2 -> { // insert random bytes
                int at = random.nextInt(bytes.length);
                byte[] extra = new byte[1 + random.nextInt(16)];
                random.nextBytes(extra);
                byte[] grown = new byte[bytes.length + extra.length];
                System.arraycopy(bytes, 0, grown, 0, at);
                System.arraycopy(extra, 0, grown, at, extra.length);
                System.arraycopy(bytes, at, grown, at + extra.length, bytes.length - at);
                bytes = grown;
            }
            case 3 -> ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, random.nextLong()); // length
            default -> { // change a digit inside the header JSON (shapes, offsets)
                int headerEnd = (int) Math.min(bytes.length, 8 + ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getLong());
                for (int tries = 0; tries < 50; tries++) {
                    int at = 8 + random.nextInt(headerEnd - 8);
                    if (Character.isDigit(bytes[at])) {
                        bytes[at] = (byte) ('0' + random.nextInt(10));
                        break;
                    }
                }
            }
        }
        return bytes;
    }
}
