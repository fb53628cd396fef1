package dev.vla4j.policy.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of {@code meta/stats.json}: {@link FeatureStats} per feature (every numeric feature, default
 * columns included, and every image feature), and the streaming {@link Collector} that computes it.
 */
public record DatasetStats(Map<String, FeatureStats> features) {

    public DatasetStats {
        features = Map.copyOf(features);
    }

    /** The statistics of {@code feature}, or an error naming the features that have some. */
    public FeatureStats get(String feature) {
        FeatureStats stats = features.get(feature);
        if (stats == null) {
            throw new IllegalArgumentException("no statistics for '" + feature + "' (have " + features.keySet() + ")");
        }
        return stats;
    }

    ObjectNode toJson(DatasetSpec spec) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (FeatureSpec feature : spec.allFeatures()) {
            FeatureStats stats = features.get(feature.name());
            if (stats != null) {
                root.set(feature.name(), stats.toJson(feature.isImage()));
            }
        }
        return root;
    }

    /**
     * Parses {@code stats.json}, checking its features against the spec: every entry must be a declared feature
     * with arrays of the feature's shape, and when the dataset has frames every feature must have an entry.
     *
     * @throws DatasetFormatException naming {@code file} and the offending feature
     */
    static DatasetStats fromJson(JsonNode root, DatasetSpec spec, boolean hasFrames, Path file)
            throws DatasetFormatException {
        if (!root.isObject()) {
            throw new DatasetFormatException(file, "expected a JSON object of per-feature statistics");
        }
        Map<String, FeatureSpec> declared = spec.byName();
        Map<String, FeatureStats> parsed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            FeatureSpec feature = declared.get(entry.getKey());
            if (feature == null) {
                throw new DatasetFormatException(file, "statistics for '" + entry.getKey()
                        + "', which info.json does not declare");
            }
            int dims = feature.isImage() ? 3 : feature.length();
            try {
                parsed.put(feature.name(), FeatureStats.fromJson(entry.getValue(), dims, feature.isImage()));
            } catch (IllegalArgumentException e) {
                throw new DatasetFormatException(file, "feature '" + feature.name() + "' ("
                        + feature.dtype().lerobotName() + feature.shape() + "): " + e.getMessage());
            }
        }
        if (hasFrames) {
            for (String name : declared.keySet()) {
                if (!parsed.containsKey(name)) {
                    throw new DatasetFormatException(file, "no statistics for feature '" + name + "'");
                }
            }
        }
        return new DatasetStats(parsed);
    }

    /** Accumulates the statistics of frames as they are committed, in memory independent of the frame count. */
    static final class Collector {
        private final DatasetSpec spec;
        private final Map<String, RunningStats> numbers = new LinkedHashMap<>();
        private final Map<String, PixelHistogram> pixels = new LinkedHashMap<>();

        Collector(DatasetSpec spec, int reservoirCapacity) {
            this.spec = spec;
            for (FeatureSpec feature : spec.allFeatures()) {
                if (feature.isImage()) {
                    pixels.put(feature.name(), new PixelHistogram());
                } else {
                    numbers.put(feature.name(), new RunningStats(feature.length(), reservoirCapacity));
                }
            }
        }

        /** Adds the numeric values of a stored frame (its own values and the default columns). */
        void addNumbers(StoredFrame frame) {
            numbers.get(DatasetSpec.TIMESTAMP).add(new double[] {frame.frame().timestamp()});
            numbers.get(DatasetSpec.FRAME_INDEX).add(new double[] {frame.frameIndex()});
            numbers.get(DatasetSpec.EPISODE_INDEX).add(new double[] {frame.episodeIndex()});
            numbers.get(DatasetSpec.INDEX).add(new double[] {frame.index()});
            numbers.get(DatasetSpec.TASK_INDEX).add(new double[] {frame.taskIndex()});
            for (FeatureSpec feature : spec.features()) {
                if (!feature.isImage()) {
                    numbers.get(feature.name()).add(asDoubles(frame.frame().values().get(feature.name())));
                }
            }
        }

        void addPixels(String feature, PixelHistogram histogram) {
            pixels.get(feature).addAll(histogram);
        }

        DatasetStats result() {
            Map<String, FeatureStats> out = new LinkedHashMap<>();
            numbers.forEach((name, stats) -> {
                if (stats.count() > 0) {
                    out.put(name, stats.result());
                }
            });
            pixels.forEach((name, histogram) -> {
                if (histogram.images() > 0) {
                    out.put(name, histogram.result());
                }
            });
            return new DatasetStats(out);
        }

        private static double[] asDoubles(Object value) {
            if (value instanceof float[] f) {
                double[] out = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    out[i] = f[i];
                }
                return out;
            }
            if (value instanceof long[] l) {
                double[] out = new double[l.length];
                for (int i = 0; i < l.length; i++) {
                    out[i] = l[i];
                }
                return out;
            }
            boolean[] b = (boolean[]) value;
            double[] out = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = b[i] ? 1 : 0;
            }
            return out;
        }
    }
}
