package dev.vla4j.policy.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a LeRobot v3.0 dataset folder (ours, or one with the same column types): features, tasks, episodes,
 * statistics, and frames per episode, in order or by global index, with images decoded to RGB.
 *
 * <p>It trusts only what the metadata lists: {@code info.json}'s totals say which episodes exist; data files,
 * episode rows and task rows beyond them (left by a crash during a commit) and hidden temp files are ignored.
 * Anything inconsistent with {@code info.json} is a {@link DatasetFormatException} naming the file. Data files
 * are read whole and the last {@value #CACHED_FILES} are kept (undecoded), so random access within recently
 * used episodes is cheap. Safe for concurrent readers.
 */
public final class LeRobotDatasetReader {
    private static final Logger LOG = LoggerFactory.getLogger(LeRobotDatasetReader.class);
    static final int CACHED_FILES = 8;

    private final Path root;
    private final DatasetInfo info;
    private final List<String> tasks;
    private final List<EpisodeInfo> episodes;
    private final long[] episodeStarts;
    private final DatasetStats stats;
    private final Map<Path, List<Group>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, List<Group>> eldest) {
            return size() > CACHED_FILES;
        }
    };

    private LeRobotDatasetReader(Path root, DatasetInfo info, List<String> tasks, List<EpisodeInfo> episodes,
                                 DatasetStats stats) throws IOException {
        this.root = root;
        this.info = info;
        this.tasks = tasks;
        this.episodes = episodes;
        this.episodeStarts = episodes.stream().mapToLong(EpisodeInfo::fromIndex).toArray();
        this.stats = stats != null ? stats : recomputeStats();
    }

    /**
     * Opens and validates a dataset: info.json, tasks, every listed episode row, the presence of each listed
     * data file, and stats.json's shapes. Data files' columns are checked when they are read.
     */
    public static LeRobotDatasetReader open(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new DatasetFormatException(root, "not a dataset folder (it does not exist or is a file)");
        }
        Path infoFile = DatasetPaths.info(root);
        if (!Files.isRegularFile(infoFile)) {
            throw new DatasetFormatException(infoFile, "file is missing: not a LeRobot dataset");
        }
        DatasetInfo info = DatasetInfo.read(infoFile);
        List<String> tasks = MetaParquet.readTasks(DatasetPaths.tasks(root), info.totalTasks());
        List<EpisodeInfo> episodes = readEpisodes(root, info, tasks);

        Path statsFile = DatasetPaths.stats(root);
        if (!Files.isRegularFile(statsFile)) {
            throw new DatasetFormatException(statsFile, "file is missing");
        }
        DatasetStats stats = DatasetStats.fromJson(DatasetInfo.JSON.readTree(statsFile.toFile()), info.spec(),
                info.totalFrames() > 0, statsFile);
        long counted = stats.features().containsKey(DatasetSpec.INDEX) ? stats.get(DatasetSpec.INDEX).count() : 0;
        if (counted != info.totalFrames()) {
            LOG.warn("{} counts {} frames but info.json lists {} (a commit was interrupted); recomputing statistics",
                    statsFile, counted, info.totalFrames());
            stats = null;
        }
        return new LeRobotDatasetReader(root, info, tasks, episodes, stats);
    }

    private static List<EpisodeInfo> readEpisodes(Path root, DatasetInfo info, List<String> tasks)
            throws IOException {
        EpisodeInfo[] byIndex = new EpisodeInfo[Math.toIntExact(info.totalEpisodes())];
        Path[] source = new Path[byIndex.length];
        Path folder = DatasetPaths.episodesFolder(root);
        List<Path> files = List.of();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> walk = Files.walk(folder, 2)) {
                files = walk.filter(p -> p.getFileName().toString().endsWith(".parquet")
                                && !p.getFileName().toString().startsWith("."))
                        .sorted(Comparator.naturalOrder()).toList();
            }
        }
        for (Path file : files) {
            for (EpisodeInfo episode : MetaParquet.readEpisodes(file)) {
                long e = episode.episodeIndex();
                if (e < 0 || e >= byIndex.length) {
                    continue; // not committed (info.json is the commit point)
                }
                if (byIndex[(int) e] != null) {
                    throw new DatasetFormatException(file, "episode " + e + " is also listed in " + source[(int) e]);
                }
                for (String task : episode.tasks()) {
                    if (!tasks.contains(task)) {
                        throw new DatasetFormatException(file, "episode " + e + " has task '" + task
                                + "', which meta/tasks.parquet does not list");
                    }
                }
                byIndex[(int) e] = episode;
                source[(int) e] = file;
            }
        }
        long next = 0;
        for (int e = 0; e < byIndex.length; e++) {
            if (byIndex[e] == null) {
                throw new DatasetFormatException(folder, "episode " + e + " is missing (info.json lists "
                        + byIndex.length + " episodes)");
            }
            if (byIndex[e].fromIndex() != next) {
                throw new DatasetFormatException(source[e], "episode " + e + " starts at frame "
                        + byIndex[e].fromIndex() + ", expected " + next);
            }
            next = byIndex[e].toIndex();
            Path data = root.resolve(info.dataFile(byIndex[e].dataChunk(), byIndex[e].dataFile()));
            if (!Files.isRegularFile(data)) {
                throw new DatasetFormatException(data, "data file of episode " + e + " is missing");
            }
        }
        if (next != info.totalFrames()) {
            throw new DatasetFormatException(DatasetPaths.info(root), "total_frames is " + info.totalFrames()
                    + " but the episodes hold " + next + " frames");
        }
        return List.of(byIndex);
    }

    private DatasetStats recomputeStats() throws IOException {
        DatasetStats.Collector collector = new DatasetStats.Collector(info.spec(), RunningStats.DEFAULT_CAPACITY);
        for (EpisodeInfo episode : episodes) {
            for (StoredFrame frame : episode(episode.episodeIndex())) {
                collector.addNumbers(frame);
                for (FeatureSpec feature : info.spec().features()) {
                    if (feature.isImage()) {
                        PixelHistogram histogram = new PixelHistogram();
                        histogram.add(frame.frame().image(feature.name()));
                        collector.addPixels(feature.name(), histogram);
                    }
                }
            }
        }
        return collector.result();
    }

    public Path root() {
        return root;
    }

    public DatasetSpec spec() {
        return info.spec();
    }

    public int fps() {
        return info.spec().fps();
    }

    public long totalFrames() {
        return info.totalFrames();
    }

    public List<EpisodeInfo> episodes() {
        return episodes;
    }

    /** Tasks by task_index. */
    public List<String> tasks() {
        return tasks;
    }

    public DatasetStats stats() {
        return stats;
    }

    /** Every frame of one episode, in order, images decoded. */
    public List<StoredFrame> episode(long episodeIndex) throws IOException {
        EpisodeInfo episode = episodeInfo(episodeIndex);
        List<StoredFrame> frames = new ArrayList<>();
        for (long i = episode.fromIndex(); i < episode.toIndex(); i++) {
            frames.add(frame(i));
        }
        return frames;
    }

    /** The frame at global {@code index} (0 ≤ index < totalFrames), e.g. for random sampling. */
    public StoredFrame frame(long index) throws IOException {
        return frame(index, true);
    }

    /** The frame at {@code index} without its images (nothing is PNG-decoded): states, actions, rewards. */
    public StoredFrame numericFrame(long index) throws IOException {
        return frame(index, false);
    }

    private StoredFrame frame(long index, boolean withImages) throws IOException {
        if (index < 0 || index >= info.totalFrames()) {
            throw new IndexOutOfBoundsException("frame " + index + " outside [0, " + info.totalFrames() + ")");
        }
        int e = Arrays.binarySearch(episodeStarts, index);
        EpisodeInfo episode = episodes.get(e >= 0 ? e : -e - 2);
        Path file = root.resolve(info.dataFile(episode.dataChunk(), episode.dataFile()));
        List<Group> rows = rows(file);
        int rowNumber = rowOf(file, rows, index);
        StoredFrame frame = FrameParquet.decode(file, rowNumber, rows.get(rowNumber), info.spec(), null, withImages);
        if (frame.episodeIndex() != episode.episodeIndex() || frame.frameIndex() != index - episode.fromIndex()
                || frame.taskIndex() < 0 || frame.taskIndex() >= tasks.size()) {
            throw new DatasetFormatException(file, "row " + rowNumber + " (index " + index + ") has episode_index "
                    + frame.episodeIndex() + ", frame_index " + frame.frameIndex() + ", task_index "
                    + frame.taskIndex() + "; the episodes metadata expects episode " + episode.episodeIndex()
                    + ", frame " + (index - episode.fromIndex()) + " and one of " + tasks.size() + " tasks");
        }
        return new StoredFrame(frame.index(), frame.episodeIndex(), frame.frameIndex(), frame.taskIndex(),
                tasks.get((int) frame.taskIndex()), frame.frame());
    }

    /** All frames in global order, read lazily (an {@link IOException} surfaces as UncheckedIOException). */
    public Stream<StoredFrame> frames() {
        return LongStream.range(0, info.totalFrames()).mapToObj(i -> {
            try {
                return frame(i);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    public EpisodeInfo episodeInfo(long episodeIndex) {
        if (episodeIndex < 0 || episodeIndex >= episodes.size()) {
            throw new IndexOutOfBoundsException("episode " + episodeIndex + " outside [0, " + episodes.size() + ")");
        }
        return episodes.get((int) episodeIndex);
    }

    private List<Group> rows(Path file) throws IOException {
        synchronized (cache) {
            List<Group> rows = cache.get(file);
            if (rows != null) {
                return rows;
            }
        }
        List<Group> rows = FrameParquet.read(file, info.spec());
        synchronized (cache) {
            cache.put(file, rows);
        }
        return rows;
    }

    /** The row holding global {@code index}: files may hold several episodes, sorted by index. */
    private static int rowOf(Path file, List<Group> rows, long index) throws DatasetFormatException {
        int lo = 0;
        int hi = rows.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long value = rows.get(mid).getLong(DatasetSpec.INDEX, 0);
            if (value == index) {
                return mid;
            } else if (value < index) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        throw new DatasetFormatException(file, "holds no row with index " + index + " (" + rows.size()
                + " rows), though the episodes metadata places it there");
    }
}
