package dev.vla4j.policy.dataset;

import dev.vla4j.policy.RgbImage;
import static dev.vla4j.policy.dataset.SampleEpisodes.ACTION;
import static dev.vla4j.policy.dataset.SampleEpisodes.STATE;
import static dev.vla4j.policy.dataset.SampleEpisodes.TOP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB, an independent Parquet reader, reads our data and meta files with the expected columns and values. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbOracleTest {
    private static final int EPISODES = 4;

    @TempDir
    static Path tmp;
    private Path root;
    private long frames;

    @BeforeAll
    void record() throws Exception {
        root = tmp.resolve("ds");
        try (LeRobotDatasetWriter writer = LeRobotDatasetWriter.create(root, SampleEpisodes.spec())) {
            SampleEpisodes.record(writer, EPISODES);
        }
        for (int e = 0; e < EPISODES; e++) {
            frames += SampleEpisodes.length(e);
        }
    }

    @Test
    void dataFilesHaveLeRobotColumnsAndValues() throws Exception {
        String all = parquet("data/*/*.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            Map<String, String> columns = describe(sql, all);
            assertEquals(Map.of(
                    STATE, "FLOAT[]", ACTION, "FLOAT[]", TOP, "STRUCT(bytes BLOB, path VARCHAR)",
                    SampleEpisodes.WRIST, "STRUCT(bytes BLOB, path VARCHAR)", SampleEpisodes.REWARD, "FLOAT",
                    SampleEpisodes.DONE, "BOOLEAN", "timestamp", "FLOAT", "frame_index", "BIGINT",
                    "episode_index", "BIGINT", "index", "BIGINT"), without(columns, "task_index"));
            assertEquals("BIGINT", columns.get("task_index"));
            assertEquals(String.join(",", SampleEpisodes.spec().byName().keySet()), String.join(",", columns.keySet()),
                    "column order is info.json's feature order");

            ResultSet totals = sql.executeQuery("SELECT count(*), sum(\"index\"), min(len(\"observation.state\")), "
                    + "max(len(action)), count(DISTINCT episode_index) FROM " + all);
            totals.next();
            assertEquals(frames, totals.getLong(1));
            assertEquals(frames * (frames - 1) / 2, totals.getLong(2), "index is 0..N-1");
            assertEquals(4, totals.getInt(3));
            assertEquals(3, totals.getInt(4));
            assertEquals(EPISODES, totals.getInt(5));

            ResultSet row = sql.executeQuery("SELECT action[1], action[3], \"" + TOP + "\".bytes, \"" + TOP
                    + "\".path FROM " + parquet("data/chunk-000/file-002.parquet") + " WHERE frame_index = 1");
            row.next();
            Frame expected = SampleEpisodes.frame(2, 1, SampleEpisodes.length(2));
            assertEquals(expected.floats(ACTION)[0], row.getFloat(1));
            assertEquals(expected.floats(ACTION)[2], row.getFloat(2));
            assertEquals(expected.image(TOP), RgbImage.decodePng(row.getBytes(3)), "PNG bytes as DuckDB sees them");
            assertEquals("frame-000001.png", row.getString(4));
        }
    }

    @Test
    void metaFilesHaveLeRobotColumns() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            String tasks = parquet("meta/tasks.parquet");
            assertEquals(Map.of("task_index", "BIGINT", "task", "VARCHAR"), describe(sql, tasks));
            ResultSet taskRows = sql.executeQuery("SELECT task FROM " + tasks + " ORDER BY task_index");
            for (String task : SampleEpisodes.TASKS) {
                assertTrue(taskRows.next());
                assertEquals(task, taskRows.getString(1));
            }

            String episodes = parquet("meta/episodes/chunk-000/file-000.parquet");
            Map<String, String> columns = describe(sql, episodes);
            assertEquals("VARCHAR[]", columns.get("tasks"));
            for (String column : new String[] {"episode_index", "length", "data/chunk_index", "data/file_index",
                    "dataset_from_index", "dataset_to_index", "meta/episodes/chunk_index", "meta/episodes/file_index"}) {
                assertEquals("BIGINT", columns.get(column), column);
            }
            ResultSet rows = sql.executeQuery("SELECT episode_index, tasks[1], length, \"data/file_index\", "
                    + "dataset_from_index, dataset_to_index FROM " + episodes + " ORDER BY episode_index");
            long from = 0;
            for (int e = 0; e < EPISODES; e++) {
                assertTrue(rows.next());
                assertArrayEquals(new long[] {e, SampleEpisodes.length(e), e, from, from + SampleEpisodes.length(e)},
                        new long[] {rows.getLong(1), rows.getLong(3), rows.getLong(4), rows.getLong(5),
                                rows.getLong(6)});
                assertEquals(SampleEpisodes.task(e), rows.getString(2));
                from += SampleEpisodes.length(e);
            }
        }
    }

    @Test
    void readsDataFilesThatDuckDbRewroteWithSnappy() throws Exception {
        Path copy = tmp.resolve("snappy");
        try (var files = Files.walk(root)) {
            for (Path source : files.toList()) {
                Files.copy(source, copy.resolve(root.relativize(source).toString()));
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            for (int e = 0; e < EPISODES; e++) {
                String file = String.format("data/chunk-000/file-%03d.parquet", e);
                Files.delete(copy.resolve(file));
                sql.execute("COPY (SELECT * FROM " + parquet(file) + ") TO '" + copy.resolve(file)
                        + "' (FORMAT PARQUET, COMPRESSION SNAPPY)");
            }
        }
        LeRobotDatasetReader reader = LeRobotDatasetReader.open(copy);
        for (int e = 0; e < EPISODES; e++) {
            var frames = reader.episode(e);
            for (int i = 0; i < frames.size(); i++) {
                DatasetRoundTripTest.assertSameFrame(SampleEpisodes.frame(e, i, frames.size()), frames.get(i).frame());
            }
        }
    }

    private String parquet(String relative) {
        return "read_parquet('" + root.resolve(relative).toString().replace("'", "''") + "')";
    }

    private static Map<String, String> describe(Statement sql, String source) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        ResultSet rs = sql.executeQuery("DESCRIBE SELECT * FROM " + source);
        while (rs.next()) {
            columns.put(rs.getString("column_name"), rs.getString("column_type"));
        }
        return columns;
    }

    private static Map<String, String> without(Map<String, String> map, String key) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.remove(key);
        return copy;
    }
}
