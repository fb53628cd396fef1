package dev.vla4j.policy.dataset;

import java.util.List;

/**
 * One row of {@code meta/episodes/chunk-XXX/file-YYY.parquet}: an episode's tasks, length and where its
 * frames are ({@code data/chunk-XXX/file-YYY.parquet}, global indices {@code [fromIndex, toIndex)}).
 */
public record EpisodeInfo(long episodeIndex, List<String> tasks, long length, int dataChunk, int dataFile,
                          long fromIndex, long toIndex) {
    public EpisodeInfo {
        tasks = List.copyOf(tasks);
        if (length <= 0 || toIndex - fromIndex != length) {
            throw new IllegalArgumentException("episode " + episodeIndex + ": length " + length
                    + " does not match index range [" + fromIndex + ", " + toIndex + ")");
        }
    }
}
