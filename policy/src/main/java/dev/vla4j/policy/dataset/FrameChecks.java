package dev.vla4j.policy.dataset;

import dev.vla4j.policy.RgbImage;
import java.util.ArrayList;
import java.util.List;

/** Checks a caller's frame against the declared features before the writer accepts it. */
final class FrameChecks {
    private FrameChecks() {}

    /**
     * @param where names the frame in messages, e.g. "frame 3 of episode 0"
     * @throws IllegalArgumentException naming the first problem found
     */
    static void check(DatasetSpec spec, Frame frame, String where) {
        List<String> missing = new ArrayList<>();
        for (FeatureSpec feature : spec.features()) {
            if (!frame.values().containsKey(feature.name())) {
                missing.add(feature.name());
            }
        }
        List<String> extra = frame.values().keySet().stream()
                .filter(name -> spec.features().stream().noneMatch(f -> f.name().equals(name))).toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalArgumentException(where + ": values do not match the features"
                    + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (extra.isEmpty() ? "" : "; undeclared " + extra));
        }
        for (FeatureSpec feature : spec.features()) {
            checkValue(feature, frame.values().get(feature.name()), where + ", '" + feature.name() + "'");
        }
    }

    private static void checkValue(FeatureSpec feature, Object value, String where) {
        String declared = feature.dtype().lerobotName() + feature.shape();
        if (feature.isImage()) {
            if (!(value instanceof RgbImage image)) {
                throw new IllegalArgumentException(where + ": expected an RgbImage for " + declared + ", got "
                        + value.getClass().getSimpleName());
            }
            if (image.height() != feature.height() || image.width() != feature.width()) {
                throw new IllegalArgumentException(where + ": image is " + image.width() + "x" + image.height()
                        + " (width x height), feature declares " + feature.width() + "x" + feature.height());
            }
            return;
        }
        int length = switch (feature.dtype()) {
            case FLOAT32 -> value instanceof float[] f ? f.length : -1;
            case INT64 -> value instanceof long[] l ? l.length : -1;
            case BOOL -> value instanceof boolean[] b ? b.length : -1;
            case IMAGE -> throw new IllegalStateException("unreachable");
        };
        if (length < 0) {
            throw new IllegalArgumentException(where + ": expected " + declared + ", got a "
                    + value.getClass().getSimpleName());
        }
        if (length != feature.length()) {
            throw new IllegalArgumentException(where + ": has " + length + " values, feature declares " + declared);
        }
        if (value instanceof float[] floats) {
            for (int i = 0; i < floats.length; i++) {
                if (!Float.isFinite(floats[i])) {
                    throw new IllegalArgumentException(where + ": value " + i + " is " + floats[i]
                            + "; NaN and infinities are refused");
                }
            }
        }
    }
}
