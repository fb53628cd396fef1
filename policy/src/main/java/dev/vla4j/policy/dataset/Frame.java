package dev.vla4j.policy.dataset;

import dev.vla4j.policy.RgbImage;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One time step of an episode: its timestamp and a value per declared feature. Values are {@code float[]} for
 * float32 features, {@code long[]} for int64, {@code boolean[]} for bool and {@link RgbImage} for images; a
 * scalar feature holds an array of length 1. Build one with {@link #at(float)}:
 * <pre>{@code
 * Frame.at(0.1f).floats("observation.state", state).floats("action", action)
 *      .image("observation.images.top", rgb).scalar("next.reward", 0f).flag("next.done", false).build();
 * }</pre>
 * The writer checks values against the dataset's features; the builder only copies them.
 */
public final class Frame {
    private final float timestamp;
    private final Map<String, Object> values;

    private Frame(float timestamp, Map<String, Object> values) {
        this.timestamp = timestamp;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Starts a frame at {@code timestamp} seconds from the start of its episode. */
    public static Builder at(float timestamp) {
        return new Builder(timestamp);
    }

    public float timestamp() {
        return timestamp;
    }

    /** Every value by feature name (arrays are the frame's own: do not modify them). */
    public Map<String, Object> values() {
        return values;
    }

    public float[] floats(String feature) {
        return get(feature, float[].class);
    }

    public long[] longs(String feature) {
        return get(feature, long[].class);
    }

    public boolean[] flags(String feature) {
        return get(feature, boolean[].class);
    }

    public RgbImage image(String feature) {
        return get(feature, RgbImage.class);
    }

    private <T> T get(String feature, Class<T> type) {
        Object value = values.get(feature);
        if (value == null) {
            throw new IllegalArgumentException("frame has no value for '" + feature + "' (it has " + values.keySet()
                    + ")");
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("'" + feature + "' holds a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    /** Collects a frame's values; each setter copies its argument. */
    public static final class Builder {
        private final float timestamp;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder(float timestamp) {
            this.timestamp = timestamp;
        }

        public Builder floats(String feature, float... value) {
            return put(feature, value.clone());
        }

        public Builder longs(String feature, long... value) {
            return put(feature, value.clone());
        }

        public Builder scalar(String feature, float value) {
            return put(feature, new float[] {value});
        }

        public Builder flag(String feature, boolean value) {
            return put(feature, new boolean[] {value});
        }

        public Builder image(String feature, RgbImage image) {
            return put(feature, image);
        }

        /** An image from Java2D (e.g. a renderer's frame); its pixels are copied as RGB. */
        public Builder image(String feature, BufferedImage image) {
            return put(feature, RgbImage.of(image));
        }

        /** Any value already in one of the supported types (used by the reader). */
        Builder put(String feature, Object value) {
            if (values.putIfAbsent(feature, value) != null) {
                throw new IllegalArgumentException("frame value '" + feature + "' is set twice");
            }
            return this;
        }

        public Frame build() {
            return new Frame(timestamp, values);
        }
    }
}
