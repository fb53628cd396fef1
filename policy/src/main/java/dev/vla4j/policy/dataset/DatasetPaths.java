package dev.vla4j.policy.dataset;

import java.nio.file.Path;

/**
 * Where the files of a LeRobot v3.0 dataset live. This writer puts one episode per data file (episode
 * {@code e} in {@code data/chunk-(e/1000)/file-(e%1000).parquet}, so each chunk holds 1000 files as
 * {@code chunks_size} says) and up to 1000 episode rows per {@code meta/episodes} file.
 */
final class DatasetPaths {
    static final int EPISODES_PER_META_FILE = 1000;

    private DatasetPaths() {}

    static Path info(Path root) {
        return root.resolve("meta/info.json");
    }

    static Path stats(Path root) {
        return root.resolve("meta/stats.json");
    }

    static Path tasks(Path root) {
        return root.resolve("meta/tasks.parquet");
    }

    static Path episodesFolder(Path root) {
        return root.resolve("meta/episodes");
    }

    /** The episodes file with metadata file number {@code metaIndex} (chunk metaIndex/1000, file metaIndex%1000). */
    static Path episodes(Path root, int metaIndex) {
        return root.resolve(String.format("meta/episodes/chunk-%03d/file-%03d.parquet",
                metaIndex / DatasetInfo.CHUNKS_SIZE, metaIndex % DatasetInfo.CHUNKS_SIZE));
    }
}
