package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's own checks; the training itself is tested in the policy module. */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void badInvocationsFailWithAClearMessage() {
        CliRun none = CliRun.of("train");
        assertEquals(BadInput.EXIT, none.code());
        assertTrue(none.err().contains("give --dataset and --out"), none.err());
        CliRun mixed = CliRun.of("train", "--resume", dir.toString(), "--set", "lr=1");
        assertEquals(BadInput.EXIT, mixed.code());
        assertTrue(mixed.err().contains("--resume takes the run's own dataset and config"), mixed.err());
        CliRun notARun = CliRun.of("train", "--resume", dir.toString());
        assertTrue(notARun.err().contains("is not a training run"), notARun.err());
        CliRun preset = CliRun.of("train", "--dataset", dir.toString(), "--out", dir.resolve("r").toString(), "--config", "huge");
        assertTrue(preset.err().contains("unknown preset 'huge'"), preset.err());
        CliRun key = CliRun.of("train", "--dataset", dir.toString(), "--out", dir.resolve("r").toString(), "--set", "lrr=1");
        assertTrue(key.err().contains("unknown key 'lrr'"), key.err());
        CliRun noData = CliRun.of("train", "--dataset", dir.resolve("missing").toString(), "--out", dir.resolve("r2").toString());
        assertEquals(BadInput.EXIT, noData.code(), noData.err());
    }
}
