package dev.vla4j.policy.dataset;

import static dev.vla4j.policy.dataset.SampleEpisodes.ACTION;
import static dev.vla4j.policy.dataset.SampleEpisodes.STATE;
import static dev.vla4j.policy.dataset.SampleEpisodes.TOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class DatasetBadInputTest {
    @TempDir
    Path tmp;

    private static void assertMessage(Class<? extends Throwable> type, String fragment, Executable call) {
        Throwable error = assertThrows(type, call);
        assertTrue(error.getMessage().contains(fragment), "message '" + error.getMessage() + "' lacks '" + fragment + "'");
    }

    @Test
    void refusesBadFolders() throws Exception {
        DatasetSpec spec = SampleEpisodes.spec();
        assertMessage(IllegalArgumentException.class, "folder name is empty",
                () -> LeRobotDatasetWriter.create(Path.of(""), spec));
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "keep me");
        assertMessage(IllegalArgumentException.class, "is not empty", () -> LeRobotDatasetWriter.create(full, spec));
        assertEquals("keep me", Files.readString(full.resolve("notes.txt")));
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertMessage(IllegalArgumentException.class, "is a file", () -> LeRobotDatasetWriter.create(file, spec));
        assertMessage(java.io.IOException.class, "cannot create dataset folder",
                () -> LeRobotDatasetWriter.create(file.resolve("below"), spec));
    }

    @Test
    void refusesBadFramesAndKeepsTheEpisodeUsable() throws Exception {
        try (LeRobotDatasetWriter writer = LeRobotDatasetWriter.create(tmp.resolve("ds"), SampleEpisodes.spec())) {
            Frame good = SampleEpisodes.frame(0, 0, 3);
            assertMessage(IllegalStateException.class, "outside an episode", () -> writer.addFrame(good));
            writer.beginEpisode("task");
            assertMessage(IllegalStateException.class, "has no frames", writer::endEpisode);
            assertMessage(IllegalArgumentException.class, "'observation.state': has 3 values, feature declares float32[4]",
                    () -> writer.addFrame(replace(good, STATE, new float[3])));
            assertMessage(IllegalArgumentException.class, "'action': value 1 is NaN",
                    () -> writer.addFrame(replace(good, ACTION, new float[] {0, Float.NaN, 0})));
            assertMessage(IllegalArgumentException.class, "image is 8x8 (width x height), feature declares 16x12",
                    () -> writer.addFrame(replace(good, TOP, SampleEpisodes.noise(new SplittableRandom(1), 8, 8))));
            assertMessage(IllegalArgumentException.class, "expected float32[4], got a long[]",
                    () -> writer.addFrame(replace(good, STATE, new long[4])));
            Frame.Builder extra = Frame.at(0f);
            good.values().forEach(extra::put);
            assertMessage(IllegalArgumentException.class, "undeclared [next.success]",
                    () -> writer.addFrame(extra.flag("next.success", true).build()));
            assertMessage(IllegalStateException.class, "still in progress", () -> writer.beginEpisode("other"));
            writer.addFrame(good);
            assertMessage(IllegalArgumentException.class, "after the previous frame", () -> writer.addFrame(good));
            assertEquals(1, writer.framesInEpisode(), "refused frames are not recorded");
            assertEquals(0, writer.endEpisode());
        }
        assertEquals(1, LeRobotDatasetReader.open(tmp.resolve("ds")).totalFrames());
    }

    @Test
    void refusesBadSpecs() {
        assertMessage(IllegalArgumentException.class, "is a default column",
                () -> new DatasetSpec(10, null, List.of(FeatureSpec.floats("index", 1))));
        assertMessage(IllegalArgumentException.class, "declared twice",
                () -> new DatasetSpec(10, null, List.of(FeatureSpec.floats("a", 1), FeatureSpec.floats("a", 2))));
        assertMessage(IllegalArgumentException.class, "fps must be positive",
                () -> new DatasetSpec(0, null, List.of(FeatureSpec.floats("a", 1))));
        assertMessage(IllegalArgumentException.class, "contains '/'", () -> FeatureSpec.floats("a/b", 1));
        assertMessage(IllegalArgumentException.class, "2 names for 3 values",
                () -> new FeatureSpec("a", FeatureSpec.Dtype.FLOAT32, List.of(3), List.of("x", "y")));
        assertMessage(IllegalArgumentException.class, "video features are not supported",
                () -> FeatureSpec.Dtype.fromLerobotName("video"));
    }

    @Test
    void corruptDatasetsFailNamingTheFile() throws Exception {
        Path good = tmp.resolve("good");
        try (LeRobotDatasetWriter writer = LeRobotDatasetWriter.create(good, SampleEpisodes.spec())) {
            SampleEpisodes.record(writer, 3);
        }
        assertCorrupt(good, "meta/info.json", "codebase_version 'v2.1' is not supported",
                root -> replaceIn(root.resolve("meta/info.json"), "\"v3.0\"", "\"v2.1\""));
        assertCorrupt(good, "meta/info.json", "not readable JSON",
                root -> Files.writeString(root.resolve("meta/info.json"), "{\"codebase_version\": "));
        assertCorrupt(good, "data/chunk-000/file-001.parquet", "data file of episode 1 is missing",
                root -> Files.delete(root.resolve("data/chunk-000/file-001.parquet")));
        assertCorrupt(good, "meta/stats.json", "'mean' must hold 3 values",
                root -> {
                    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
                    var stats = mapper.readTree(root.resolve("meta/stats.json").toFile());
                    ((com.fasterxml.jackson.databind.node.ObjectNode) stats.get(ACTION)).putArray("mean").add(0.0);
                    mapper.writeValue(root.resolve("meta/stats.json").toFile(), stats);
                });
        assertCorrupt(good, "meta/info.json", "total_frames is 999",
                root -> replaceIn(root.resolve("meta/info.json"), "\"total_frames\" : ", "\"total_frames\" : 999"));
        assertCorrupt(good, "data/chunk-000/file-000.parquet", "not a readable Parquet file",
                root -> Files.write(root.resolve("data/chunk-000/file-000.parquet"), new byte[] {'P', 'A', 'R', '1'}));

        // a data file from a dataset with other features: action float32[3] declared, float32[5] stored
        Path other = tmp.resolve("other");
        DatasetSpec otherSpec = new DatasetSpec(10, null, List.of(FeatureSpec.floats(ACTION, 5)));
        try (LeRobotDatasetWriter writer = LeRobotDatasetWriter.create(other, otherSpec)) {
            writer.beginEpisode("t");
            writer.addFrame(Frame.at(0).floats(ACTION, new float[5]).build());
            writer.endEpisode();
        }
        assertCorrupt(good, "data/chunk-000/file-000.parquet", "column 'observation.state' declared in meta/info.json is missing",
                root -> Files.copy(other.resolve("data/chunk-000/file-000.parquet"),
                        root.resolve("data/chunk-000/file-000.parquet"), StandardCopyOption.REPLACE_EXISTING));
    }

    @Test
    void ignoresFilesAndRowsPastTheCommitPoint() throws Exception {
        Path root = tmp.resolve("ds");
        try (LeRobotDatasetWriter writer = LeRobotDatasetWriter.create(root, SampleEpisodes.spec())) {
            SampleEpisodes.record(writer, 3);
        }
        // what a crash before info.json leaves: an orphan data file and a temp file
        Files.copy(root.resolve("data/chunk-000/file-002.parquet"), root.resolve("data/chunk-000/file-003.parquet"));
        Files.writeString(root.resolve("meta/.info.json.tmp"), "half");
        assertEquals(3, LeRobotDatasetReader.open(root).episodes().size());
    }

    private interface Damage {
        void apply(Path root) throws Exception;
    }

    private void assertCorrupt(Path good, String file, String fragment, Damage damage) throws Exception {
        Path copy = tmp.resolve("copy-" + System.nanoTime());
        try (var files = Files.walk(good)) {
            for (Path source : files.toList()) {
                Files.copy(source, copy.resolve(good.relativize(source).toString()));
            }
        }
        damage.apply(copy);
        DatasetFormatException error = assertThrows(DatasetFormatException.class, () -> {
            LeRobotDatasetReader reader = LeRobotDatasetReader.open(copy);
            for (EpisodeInfo episode : reader.episodes()) {
                reader.episode(episode.episodeIndex());
            }
        });
        assertEquals(copy.resolve(file), error.file(), error.getMessage());
        assertTrue(error.getMessage().contains(fragment), error.getMessage());
    }

    private static void replaceIn(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " lacks " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private static Frame replace(Frame frame, String feature, Object value) {
        Frame.Builder copy = Frame.at(frame.timestamp());
        frame.values().forEach((name, v) -> copy.put(name, name.equals(feature) ? value : v));
        return copy.build();
    }
}
