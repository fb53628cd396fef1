package dev.vla4j.nodes.ros.msg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One ROS 1 {@code .msg} definition: its raw text, its constants and fields, and the two things peers check,
 * the md5sum (specs/ros1-mqtt.md §5.9) and the full {@code message_definition} text (§5.10).
 *
 * <p>Definitions are read from the resources {@code dev/vla4j/nodes/ros/msg/<package>/<Type>.msg}, copied
 * verbatim from the Debian message packages; md5 sums are computed from them, never hard-coded.
 */
public final class MessageSpec {
    private static final Set<String> BUILTINS = Set.of("bool", "byte", "char", "int8", "uint8", "int16", "uint16",
            "int32", "uint32", "int64", "uint64", "float32", "float64", "string", "time", "duration");
    private static final String SEPARATOR = "=".repeat(80);
    private static final Map<String, MessageSpec> LOADED = new ConcurrentHashMap<>();

    /** A field: {@code type} is the builtin name or the resolved {@code pkg/Type}, {@code array} the bracket suffix. */
    public record Field(String type, String array, String name) {
        public boolean builtin() {
            return BUILTINS.contains(type);
        }
    }

    private final String name;
    private final String text;
    private final List<String> constants;
    private final List<Field> fields;
    private final Resolver resolver;
    private volatile String md5;

    /** Looks up the definitions other types refer to. */
    @FunctionalInterface
    public interface Resolver {
        MessageSpec spec(String type);
    }

    private MessageSpec(String name, String text, Resolver resolver) {
        this.name = name;
        this.text = text;
        this.resolver = resolver;
        this.constants = new ArrayList<>();
        this.fields = new ArrayList<>();
        parse();
    }

    /** The shipped definition of {@code type} (e.g. {@code geometry_msgs/Twist}). */
    public static MessageSpec of(String type) {
        return LOADED.computeIfAbsent(type, t -> new MessageSpec(t, readResource(t), MessageSpec::of));
    }

    /** Parses a definition given as text; message-typed fields are looked up through {@code resolver}. */
    public static MessageSpec parse(String type, String text, Resolver resolver) {
        return new MessageSpec(type, text, resolver);
    }

    public String name() {
        return name;
    }

    /** The raw {@code .msg} text, comments included. */
    public String text() {
        return text;
    }

    public List<Field> fields() {
        return List.copyOf(fields);
    }

    /** The md5sum of §5.9: constants, then fields, with message-typed fields replaced by their own md5. */
    public String md5() {
        String sum = md5;
        if (sum == null) {
            List<String> lines = new ArrayList<>(constants);
            for (Field field : fields) {
                lines.add(field.builtin() ? field.type() + field.array() + " " + field.name()
                        : resolver.spec(field.type()).md5() + " " + field.name());
            }
            sum = md5Hex(String.join("\n", lines));
            md5 = sum;
        }
        return sum;
    }

    /** The {@code message_definition} of §5.10: this text, then every dependency depth-first, each once. */
    public String fullText() {
        Set<String> dependencies = new LinkedHashSet<>();
        collectDependencies(dependencies);
        StringBuilder out = new StringBuilder(text);
        for (String dependency : dependencies) {
            out.append('\n').append(SEPARATOR).append("\nMSG: ").append(dependency).append('\n')
                    .append(resolver.spec(dependency).text());
        }
        return out.toString();
    }

    private void collectDependencies(Set<String> seen) {
        for (Field field : fields) {
            if (!field.builtin() && seen.add(field.type())) {
                resolver.spec(field.type()).collectDependencies(seen);
            }
        }
    }

    private void parse() {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] typeAndRest = line.split("\\s+", 2);
            if (typeAndRest.length != 2) {
                throw new IllegalArgumentException(where(i) + "expected 'type name', got '" + line + "'");
            }
            String type = typeAndRest[0];
            String rest = typeAndRest[1];
            int equals = rest.indexOf('=');
            int hash = rest.indexOf('#');
            if (equals >= 0 && (hash < 0 || equals < hash)) {
                // A constant; a string constant's value runs to the end of the line, '#' included.
                String value = rest.substring(equals + 1);
                value = type.equals("string") ? value.strip() : stripComment(value).strip();
                constants.add(type + " " + rest.substring(0, equals).strip() + "=" + value);
            } else {
                String fieldName = stripComment(rest).strip();
                if (fieldName.isEmpty() || fieldName.contains(" ")) {
                    throw new IllegalArgumentException(where(i) + "bad field name in '" + line + "'");
                }
                int bracket = type.indexOf('[');
                String array = bracket < 0 ? "" : type.substring(bracket);
                String base = bracket < 0 ? type : type.substring(0, bracket);
                fields.add(new Field(resolve(base), array, fieldName));
            }
        }
    }

    private String resolve(String type) {
        if (BUILTINS.contains(type) || type.contains("/")) {
            return type;
        }
        if (type.equals("Header")) {
            return "std_msgs/Header";
        }
        return name.substring(0, name.indexOf('/') + 1) + type;
    }

    private String where(int line) {
        return name + ".msg line " + (line + 1) + ": ";
    }

    private static String stripComment(String text) {
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    private static String readResource(String type) {
        if (!type.matches("[A-Za-z0-9_]+/[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("not a ROS message type name: '" + type + "'");
        }
        String path = type + ".msg";
        try (InputStream in = MessageSpec.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no definition shipped for message type " + type);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the definition of " + type, e);
        }
    }

    private static String md5Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always ships MD5", e);
        }
    }
}
