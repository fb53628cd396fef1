package dev.vla4j.perception.io;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares the tensors a model expects (upstream names → shapes) with those a checkpoint holds, and lists
 * the missing, unexpected and mis-shaped ones by name.
 */
public record NameCheck(List<String> missing, List<String> unexpected, List<String> misshaped) {
    public NameCheck {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        misshaped = List.copyOf(misshaped);
    }

    public static NameCheck compare(Map<String, Shape> expected, Map<String, Shape> actual) {
        List<String> missing = new ArrayList<>();
        List<String> misshaped = new ArrayList<>();
        for (String name : new TreeSet<>(expected.keySet())) {
            Shape have = actual.get(name);
            if (have == null) {
                missing.add(name);
            } else if (!have.equals(expected.get(name))) {
                misshaped.add(name + " " + have + " (expected " + expected.get(name) + ")");
            }
        }
        List<String> unexpected = new ArrayList<>(new TreeSet<>(actual.keySet()));
        unexpected.removeAll(expected.keySet());
        return new NameCheck(missing, unexpected, misshaped);
    }

    public boolean clean() {
        return missing.isEmpty() && unexpected.isEmpty() && misshaped.isEmpty();
    }

    /** A report for people: counts, then up to {@code limit} names of each kind. */
    public String describe(int limit) {
        if (clean()) {
            return "all tensor names and shapes match";
        }
        StringBuilder out = new StringBuilder();
        section(out, "missing", missing, limit);
        section(out, "unexpected", unexpected, limit);
        section(out, "mis-shaped", misshaped, limit);
        return out.toString().strip();
    }

    private static void section(StringBuilder out, String kind, List<String> names, int limit) {
        if (names.isEmpty()) {
            return;
        }
        out.append(names.size()).append(' ').append(kind).append(':');
        names.stream().limit(limit).forEach(name -> out.append("\n  ").append(name));
        if (names.size() > limit) {
            out.append("\n  … and ").append(names.size() - limit).append(" more");
        }
        out.append('\n');
    }
}
