package dev.vla4j.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Float32 weights by upstream name, checked against what a model expects before it is built: a checkpoint with
 * missing, unexpected, mis-shaped or non-float32 tensors is refused with every offending name listed.
 */
public final class HeadWeights {
    private static final int LISTED = 20;

    private final Map<String, NDArray> tensors;

    private HeadWeights(Map<String, NDArray> tensors) {
        this.tensors = tensors;
    }

    /**
     * Checks {@code given} against {@code expected} (name → shape) strictly.
     *
     * @param what names the model in the error message, e.g. "action head"
     * @throws IllegalArgumentException listing the missing, unexpected, mis-shaped and non-float32 tensors
     */
    public static HeadWeights check(String what, Map<String, Shape> expected, Map<String, NDArray> given) {
        List<String> missing = new ArrayList<>();
        List<String> misshaped = new ArrayList<>();
        List<String> mistyped = new ArrayList<>();
        Map<String, NDArray> ordered = new LinkedHashMap<>();
        expected.forEach((name, shape) -> {
            NDArray tensor = given.get(name);
            if (tensor == null) {
                missing.add(name + " " + shape);
            } else if (!tensor.getShape().equals(shape)) {
                misshaped.add(name + " " + tensor.getShape() + " (expected " + shape + ")");
            } else if (tensor.getDataType() != DataType.FLOAT32) {
                mistyped.add(name + " " + tensor.getDataType() + " (expected float32)");
            } else {
                ordered.put(name, tensor);
            }
        });
        List<String> unexpected = given.keySet().stream().filter(name -> !expected.containsKey(name)).sorted().toList();
        if (missing.isEmpty() && misshaped.isEmpty() && mistyped.isEmpty() && unexpected.isEmpty()) {
            return new HeadWeights(Collections.unmodifiableMap(ordered));
        }
        StringBuilder message = new StringBuilder(what).append(" weights do not match the config:");
        section(message, "missing", missing);
        section(message, "unexpected", unexpected);
        section(message, "mis-shaped", misshaped);
        section(message, "not float32", mistyped);
        throw new IllegalArgumentException(message.toString());
    }

    /** The tensors whose names start with {@code prefix}, renamed without it (e.g. a DDP {@code module.}). */
    public static Map<String, NDArray> stripPrefix(Map<String, NDArray> tensors, String prefix) {
        Map<String, NDArray> stripped = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> {
            if (name.startsWith(prefix)) {
                stripped.put(name.substring(prefix.length()), tensor);
            }
        });
        return stripped;
    }

    /** The number of scalars in tensors of these shapes. */
    public static long parameterCount(Map<String, Shape> shapes) {
        return shapes.values().stream().mapToLong(Shape::size).sum();
    }

    /** The checked tensor {@code name}; every name of the expected map is present. */
    NDArray get(String name) {
        NDArray tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalStateException("no checked tensor '" + name + "' (a model asked for a name it did not declare)");
        }
        return tensor;
    }

    /** All checked tensors by name, in the expected order. */
    Map<String, NDArray> all() {
        return tensors;
    }

    private static void section(StringBuilder message, String kind, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        message.append("\n  ").append(names.size()).append(' ').append(kind).append(':');
        names.stream().limit(LISTED).forEach(name -> message.append("\n    ").append(name));
        if (names.size() > LISTED) {
            message.append("\n    … and ").append(names.size() - LISTED).append(" more");
        }
    }
}
