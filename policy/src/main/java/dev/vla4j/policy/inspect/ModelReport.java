package dev.vla4j.policy.inspect;

import dev.vla4j.perception.io.NameCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code vla4j info} shows about a model folder: the architecture from its config, parameter counts per
 * component, the dtypes on disk, and the name/shape check of its weights against the architecture.
 *
 * @param check null when the folder holds a config but no weights
 */
public record ModelReport(Path folder, String architecture, List<Component> components,
                          Map<String, Long> tensorsByDtype, long bytesOnDisk, NameCheck check) {
    public ModelReport {
        components = List.copyOf(components);
        tensorsByDtype = Map.copyOf(tensorsByDtype);
    }

    /** One part of the model, e.g. the vision tower, with its tensors and unique parameters. */
    public record Component(String name, int tensors, long parameters) {}

    public long parameters() {
        return components.stream().mapToLong(Component::parameters).sum();
    }

    public boolean weightsMatch() {
        return check != null && check.clean();
    }

    /** The report as lines for a terminal. */
    public List<String> lines(int namesPerKind) {
        List<String> lines = new ArrayList<>();
        lines.add("model        " + folder);
        lines.add("architecture " + architecture);
        for (Component component : components) {
            lines.add(String.format(Locale.ROOT, "  %-22s %,15d parameters in %d tensors",
                    component.name(), component.parameters(), component.tensors()));
        }
        lines.add(String.format(Locale.ROOT, "  %-22s %,15d parameters", "total", parameters()));
        if (check == null) {
            lines.add("weights      none (config only): nothing to check");
            return lines;
        }
        lines.add(String.format(Locale.ROOT, "on disk      %,d bytes; tensors by dtype %s", bytesOnDisk, tensorsByDtype));
        lines.add("name check   " + check.describe(namesPerKind).replace("\n", "\n             "));
        return lines;
    }
}
