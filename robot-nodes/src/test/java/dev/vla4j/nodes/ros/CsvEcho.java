package dev.vla4j.nodes.ros;

import java.util.Arrays;
import java.util.List;

/** Reads the CSV that {@code rostopic echo -p} prints: a {@code %time,field...} header line, then one line a message. */
final class CsvEcho {
    private CsvEcho() {}

    /** The value of column {@code column} in the first message line of {@code output}. */
    static String field(String output, String column) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("%time")) {
                header = i;
            }
        }
        if (header < 0 || header + 1 >= lines.size()) {
            throw new AssertionError("no CSV header and message line in:\n" + output);
        }
        List<String> names = Arrays.asList(lines.get(header).split(","));
        String[] values = lines.get(header + 1).split(",");
        int index = names.indexOf(column);
        if (index < 0 || index >= values.length) {
            throw new AssertionError("no column " + column + " in:\n" + output);
        }
        return values[index];
    }
}
