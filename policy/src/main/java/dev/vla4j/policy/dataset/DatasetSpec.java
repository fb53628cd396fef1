package dev.vla4j.policy.dataset;

import dev.vla4j.policy.dataset.FeatureSpec.Dtype;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a dataset holds: its frame rate, robot type and the features a caller supplies per frame. The five
 * columns every LeRobot dataset has ({@link #DEFAULT_FEATURES}) are added by the writer and may not be declared.
 *
 * @param robotType free text such as {@code "vla4j-sim-planar"}; may be null, as in LeRobot
 * @param features  the caller's features in column order (state, action, images, extras such as next.reward)
 */
public record DatasetSpec(int fps, String robotType, List<FeatureSpec> features) {

    public static final String TIMESTAMP = "timestamp";
    public static final String FRAME_INDEX = "frame_index";
    public static final String EPISODE_INDEX = "episode_index";
    public static final String INDEX = "index";
    public static final String TASK_INDEX = "task_index";

    /** The columns LeRobot adds to every frame, in its order. */
    public static final List<FeatureSpec> DEFAULT_FEATURES = List.of(
            FeatureSpec.scalar(TIMESTAMP, Dtype.FLOAT32),
            FeatureSpec.scalar(FRAME_INDEX, Dtype.INT64),
            FeatureSpec.scalar(EPISODE_INDEX, Dtype.INT64),
            FeatureSpec.scalar(INDEX, Dtype.INT64),
            FeatureSpec.scalar(TASK_INDEX, Dtype.INT64));

    public DatasetSpec {
        if (fps <= 0) {
            throw new IllegalArgumentException("fps must be positive, got " + fps);
        }
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one feature besides the default columns");
        }
        Set<String> seen = new HashSet<>();
        for (FeatureSpec feature : features) {
            if (DEFAULT_FEATURES.stream().anyMatch(d -> d.name().equals(feature.name()))) {
                throw new IllegalArgumentException("feature '" + feature.name()
                        + "' is a default column that the writer fills in; do not declare it");
            }
            if (!seen.add(feature.name())) {
                throw new IllegalArgumentException("feature '" + feature.name() + "' is declared twice");
            }
        }
    }

    /** Builds the spec from {@code info.json}'s features (which include the default columns). */
    static DatasetSpec fromAllFeatures(int fps, String robotType, List<FeatureSpec> all) {
        List<FeatureSpec> own = new ArrayList<>();
        for (FeatureSpec feature : all) {
            FeatureSpec expected = DEFAULT_FEATURES.stream()
                    .filter(d -> d.name().equals(feature.name())).findFirst().orElse(null);
            if (expected == null) {
                own.add(feature);
            } else if (expected.dtype() != feature.dtype() || !expected.shape().equals(feature.shape())) {
                throw new IllegalArgumentException("default feature '" + feature.name() + "' must be "
                        + expected.dtype().lerobotName() + expected.shape() + ", got "
                        + feature.dtype().lerobotName() + feature.shape());
            }
        }
        for (FeatureSpec required : DEFAULT_FEATURES) {
            if (all.stream().noneMatch(f -> f.name().equals(required.name()))) {
                throw new IllegalArgumentException("default feature '" + required.name() + "' is missing");
            }
        }
        return new DatasetSpec(fps, robotType, own);
    }

    /** The caller's features followed by the default columns: the parquet column order and info.json order. */
    public List<FeatureSpec> allFeatures() {
        List<FeatureSpec> all = new ArrayList<>(features);
        all.addAll(DEFAULT_FEATURES);
        return all;
    }

    /** All features by name, in column order. */
    public Map<String, FeatureSpec> byName() {
        Map<String, FeatureSpec> map = new LinkedHashMap<>();
        allFeatures().forEach(f -> map.put(f.name(), f));
        return map;
    }

    /** The caller's feature called {@code name}, or an error naming the declared ones. */
    public FeatureSpec feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no feature '" + name + "' is declared (declared: "
                        + features.stream().map(FeatureSpec::name).toList() + ")"));
    }
}
