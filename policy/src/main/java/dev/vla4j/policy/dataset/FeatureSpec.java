package dev.vla4j.policy.dataset;

import java.util.List;
import java.util.Locale;

/**
 * One column of a LeRobot dataset as {@code meta/info.json} declares it: a name, a dtype, a shape and optional
 * per-dimension names.
 *
 * <p>Numeric features are 1-D: {@code float32}, {@code int64} or {@code bool} of shape {@code [n]} (a scalar is
 * {@code [1]}, as LeRobot writes {@code timestamp}). Image features have LeRobot's dtype {@code image}, shape
 * {@code [height, width, 3]} and names {@code ["height", "width", "channels"]}; they are stored as PNG bytes.
 *
 * @param names one name per dimension of a vector (e.g. joint names), or null
 */
public record FeatureSpec(String name, Dtype dtype, List<Integer> shape, List<String> names) {

    /** The dtypes this project writes and reads, by their LeRobot spelling. */
    public enum Dtype {
        FLOAT32, INT64, BOOL, IMAGE;

        /** The spelling in {@code info.json}: {@code float32}, {@code int64}, {@code bool}, {@code image}. */
        public String lerobotName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The dtype for an {@code info.json} spelling; {@code video} and others are refused by name. */
        public static Dtype fromLerobotName(String name) {
            for (Dtype dtype : values()) {
                if (dtype.lerobotName().equals(name)) {
                    return dtype;
                }
            }
            throw new IllegalArgumentException("unsupported feature dtype '" + name
                    + "' (supported: float32, int64, bool, image; video features are not supported yet)");
        }
    }

    static final List<String> IMAGE_AXES = List.of("height", "width", "channels");

    public FeatureSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("feature name is empty");
        }
        if (name.contains("/")) {
            throw new IllegalArgumentException("feature name '" + name + "' contains '/', which LeRobot forbids");
        }
        if (dtype == null) {
            throw new IllegalArgumentException("feature '" + name + "' has no dtype");
        }
        shape = List.copyOf(shape);
        names = names == null ? null : List.copyOf(names);
        if (shape.stream().anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("feature '" + name + "' has a non-positive dimension in " + shape);
        }
        if (dtype == Dtype.IMAGE) {
            if (shape.size() != 3 || shape.get(2) != 3) {
                throw new IllegalArgumentException("image feature '" + name + "' must have shape [height, width, 3], got "
                        + shape);
            }
            if (names != null && names.size() != 3) {
                throw new IllegalArgumentException("image feature '" + name + "' must name its 3 axes (e.g. "
                        + IMAGE_AXES + "), got " + names);
            }
            names = names == null ? IMAGE_AXES : names;
        } else {
            if (shape.size() != 1) {
                throw new IllegalArgumentException("numeric feature '" + name + "' must be 1-D, got shape " + shape);
            }
            if (names != null && names.size() != shape.get(0)) {
                throw new IllegalArgumentException("feature '" + name + "' has " + names.size() + " names for "
                        + shape.get(0) + " values");
            }
        }
    }

    /** A float32 vector such as {@code observation.state} or {@code action}, with one name per value. */
    public static FeatureSpec floats(String name, List<String> names) {
        return new FeatureSpec(name, Dtype.FLOAT32, List.of(names.size()), names);
    }

    /** A float32 vector of {@code length} unnamed values. */
    public static FeatureSpec floats(String name, int length) {
        return new FeatureSpec(name, Dtype.FLOAT32, List.of(length), null);
    }

    /** A scalar column such as {@code next.reward} (float32) or {@code next.done} (bool), shape {@code [1]}. */
    public static FeatureSpec scalar(String name, Dtype dtype) {
        return new FeatureSpec(name, dtype, List.of(1), null);
    }

    /** An RGB camera image stored as PNG bytes. */
    public static FeatureSpec image(String name, int height, int width) {
        return new FeatureSpec(name, Dtype.IMAGE, List.of(height, width, 3), IMAGE_AXES);
    }

    /** Values per frame of a numeric feature (its only dimension). */
    public int length() {
        if (dtype == Dtype.IMAGE) {
            throw new IllegalStateException("image feature '" + name + "' has no vector length");
        }
        return shape.get(0);
    }

    public int height() {
        return shape.get(0);
    }

    public int width() {
        return shape.get(1);
    }

    public boolean isImage() {
        return dtype == Dtype.IMAGE;
    }
}
