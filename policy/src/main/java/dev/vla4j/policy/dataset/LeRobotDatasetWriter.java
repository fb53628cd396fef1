package dev.vla4j.policy.dataset;

import dev.vla4j.policy.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records episodes into a new LeRobot v3.0 dataset folder, images as PNG bytes in Parquet.
 * <pre>{@code
 * try (var writer = LeRobotDatasetWriter.create(folder, spec)) {
 *     writer.beginEpisode("push the red block to the left");
 *     writer.addFrame(Frame.at(0f).floats("observation.state", s).floats("action", a).image(cam, rgb).build());
 *     writer.endEpisode();           // or discardEpisode()
 * }
 * }</pre>
 *
 * <p><b>Atomic episodes.</b> Frames are buffered (images already PNG-encoded) until {@link #endEpisode()}, which
 * commits the episode: its data file, the episodes file, {@code tasks.parquet}, {@code stats.json} and lastly
 * {@code info.json}, each written to a hidden temp file, fsynced and renamed over the old one. {@code info.json}'s
 * totals are the commit point: a crash at any moment leaves every earlier episode readable and the episode in
 * progress absent ({@link LeRobotDatasetReader} ignores files and rows past those totals). Not thread-safe.
 */
public final class LeRobotDatasetWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeRobotDatasetWriter.class);

    private final Path root;
    private final DatasetSpec spec;
    private final SimpleGroupFactory rows;
    private final DatasetStats.Collector stats;
    private final List<String> tasks = new ArrayList<>();
    private final List<EpisodeInfo> metaFileEpisodes = new ArrayList<>();
    private DatasetInfo info;
    private Episode episode;
    private String failure;
    private boolean closed;

    /** The episode being recorded. */
    private static final class Episode {
        final String task;
        final int taskIndex;
        final List<Group> rows = new ArrayList<>();
        final List<StoredFrame> numbers = new ArrayList<>();
        final Map<String, PixelHistogram> pixels = new LinkedHashMap<>();
        float lastTimestamp = Float.NEGATIVE_INFINITY;

        Episode(String task, int taskIndex) {
            this.task = task;
            this.taskIndex = taskIndex;
        }
    }

    private LeRobotDatasetWriter(Path root, DatasetSpec spec, int reservoirCapacity) {
        this.root = root;
        this.spec = spec;
        this.rows = new SimpleGroupFactory(FrameParquet.schema(spec));
        this.stats = new DatasetStats.Collector(spec, reservoirCapacity);
        this.info = DatasetInfo.empty(spec);
    }

    /**
     * Creates a dataset in {@code folder}, which must not exist or be an empty folder.
     *
     * @throws IllegalArgumentException for an empty path or a folder that already holds files
     * @throws IOException              when the folder cannot be created or written
     */
    public static LeRobotDatasetWriter create(Path folder, DatasetSpec spec) throws IOException {
        return create(folder, spec, RunningStats.DEFAULT_CAPACITY);
    }

    /** As {@link #create(Path, DatasetSpec)}, with the quantile reservoir size per numeric feature. */
    static LeRobotDatasetWriter create(Path folder, DatasetSpec spec, int reservoirCapacity) throws IOException {
        if (folder == null || folder.toString().isBlank()) {
            throw new IllegalArgumentException("dataset folder name is empty");
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("dataset folder " + folder + " is a file, not a folder");
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("dataset folder " + folder
                            + " is not empty; record into a new folder (datasets are never overwritten)");
                }
            }
        }
        LeRobotDatasetWriter writer = new LeRobotDatasetWriter(folder, spec, reservoirCapacity);
        try {
            Files.createDirectories(folder);
            writer.writeMetadata(true);
        } catch (IOException e) {
            throw new IOException("cannot create dataset folder " + folder + ": " + e, e);
        }
        return writer;
    }

    public Path root() {
        return root;
    }

    public DatasetSpec spec() {
        return spec;
    }

    /** Episodes committed so far. */
    public long episodes() {
        return info.totalEpisodes();
    }

    /** Starts an episode whose frames all carry {@code task} (the language instruction). */
    public void beginEpisode(String task) {
        requireOpen();
        if (episode != null) {
            throw new IllegalStateException("episode " + info.totalEpisodes()
                    + " is still in progress: call endEpisode() or discardEpisode() first");
        }
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("task is empty: every episode needs its instruction");
        }
        int taskIndex = tasks.indexOf(task);
        episode = new Episode(task, taskIndex >= 0 ? taskIndex : tasks.size());
    }

    /**
     * Adds a frame to the episode in progress after checking it against the features.
     *
     * @throws IllegalArgumentException naming the feature: missing or undeclared values, a wrong type or length,
     *                                  NaN or infinite floats, a wrong image size, a timestamp that does not increase
     * @throws IllegalStateException    outside an episode
     */
    public void addFrame(Frame frame) {
        requireOpen();
        if (episode == null) {
            throw new IllegalStateException("addFrame outside an episode: call beginEpisode(task) first");
        }
        String where = "frame " + episode.rows.size() + " of episode " + info.totalEpisodes();
        FrameChecks.check(spec, frame, where);
        if (!(frame.timestamp() > episode.lastTimestamp) || !Float.isFinite(frame.timestamp())
                || frame.timestamp() < 0) {
            throw new IllegalArgumentException(where + ": timestamp " + frame.timestamp()
                    + " must be finite, non-negative and after the previous frame's " + episode.lastTimestamp);
        }
        Frame.Builder numbers = Frame.at(frame.timestamp());
        Map<String, byte[]> png = new LinkedHashMap<>();
        for (FeatureSpec feature : spec.features()) {
            Object value = frame.values().get(feature.name());
            if (feature.isImage()) {
                RgbImage image = (RgbImage) value;
                png.put(feature.name(), image.encodePng());
                episode.pixels.computeIfAbsent(feature.name(), k -> new PixelHistogram()).add(image);
            } else {
                numbers.put(feature.name(), value);
            }
        }
        long frameIndex = episode.rows.size();
        StoredFrame stored = new StoredFrame(info.totalFrames() + frameIndex, info.totalEpisodes(), frameIndex,
                episode.taskIndex, episode.task, numbers.build());
        episode.rows.add(FrameParquet.row(rows, spec, stored, png));
        episode.numbers.add(stored);
        episode.lastTimestamp = frame.timestamp();
    }

    /** Frames in the episode in progress (0 outside an episode). */
    public int framesInEpisode() {
        return episode == null ? 0 : episode.rows.size();
    }

    /** Drops the episode in progress; nothing of it reaches the disk. */
    public void discardEpisode() {
        requireOpen();
        if (episode == null) {
            throw new IllegalStateException("no episode in progress to discard");
        }
        episode = null;
    }

    /**
     * Commits the episode in progress (see the class comment).
     *
     * @return the episode's index
     * @throws IOException when a file cannot be written; the writer then refuses further use, and the dataset
     *                     on disk still holds every earlier episode
     */
    public long endEpisode() throws IOException {
        requireOpen();
        if (episode == null) {
            throw new IllegalStateException("no episode in progress to end");
        }
        if (episode.rows.isEmpty()) {
            throw new IllegalStateException("episode " + info.totalEpisodes()
                    + " has no frames: add frames or call discardEpisode()");
        }
        Episode done = episode;
        episode = null;
        long index = info.totalEpisodes();
        try {
            commit(done, index);
        } catch (IOException | RuntimeException e) {
            failure = "committing episode " + index + " failed: " + e;
            throw e;
        }
        return index;
    }

    private void commit(Episode done, long index) throws IOException {
        int chunk = (int) (index / DatasetInfo.CHUNKS_SIZE);
        int file = (int) (index % DatasetInfo.CHUNKS_SIZE);
        FrameParquet.write(root.resolve(info.dataFile(chunk, file)), spec, done.rows);

        long from = info.totalFrames();
        int metaIndex = (int) (index / DatasetPaths.EPISODES_PER_META_FILE);
        if (index % DatasetPaths.EPISODES_PER_META_FILE == 0) {
            metaFileEpisodes.clear();
        }
        metaFileEpisodes.add(new EpisodeInfo(index, List.of(done.task), done.rows.size(), chunk, file, from,
                from + done.rows.size()));
        MetaParquet.writeEpisodes(DatasetPaths.episodes(root, metaIndex), metaFileEpisodes,
                metaIndex / DatasetInfo.CHUNKS_SIZE, metaIndex % DatasetInfo.CHUNKS_SIZE);
        boolean newTask = done.taskIndex == tasks.size();
        if (newTask) {
            tasks.add(done.task);
        }
        done.numbers.forEach(stats::addNumbers);
        done.pixels.forEach(stats::addPixels);
        info = new DatasetInfo(spec, index + 1, from + done.rows.size(), tasks.size(), info.chunksSize(),
                info.dataPath());
        writeMetadata(newTask);
    }

    /** tasks.parquet (when it changed), stats.json, then info.json: the commit point. */
    private void writeMetadata(boolean tasksChanged) throws IOException {
        if (tasksChanged) {
            MetaParquet.writeTasks(DatasetPaths.tasks(root), tasks);
        }
        AtomicFiles.write(DatasetPaths.stats(root), DatasetInfo.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(stats.result().toJson(spec)));
        AtomicFiles.write(DatasetPaths.info(root), info.toJson());
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the dataset writer for " + root + " is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("the dataset writer for " + root + " cannot continue: " + failure);
        }
    }

    /** Closes the writer; an episode still in progress is discarded (and logged). */
    @Override
    public void close() {
        if (episode != null) {
            LOG.warn("closing {} with episode {} in progress ({} frames): discarded", root, info.totalEpisodes(),
                    episode.rows.size());
            episode = null;
        }
        closed = true;
    }
}
