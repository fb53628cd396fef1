package dev.vla4j.policy.dataset;

import dev.vla4j.policy.RgbImage;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.policy.dataset.FeatureSpec.Dtype;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The frame rows of {@code data/chunk-XXX/file-YYY.parquet}, one column per feature in {@code info.json} order.
 *
 * <p>Column layout, as Hugging Face {@code datasets} writes LeRobot frames: a shape-{@code [1]} feature is a
 * plain column ({@code float}, {@code int64} or {@code boolean}); a vector is a Parquet LIST
 * ({@code group (LIST) { repeated group list { required <type> element } }}); an image is LeRobot's {@code image}
 * feature, i.e. a HF {@code Image()} struct {@code {bytes: binary, path: string}} holding the PNG file's bytes
 * and a file name. The file's {@code huggingface} metadata key carries the HF feature types, so {@code datasets}
 * decodes images without being told.
 */
final class FrameParquet {
    private static final String BYTES = "bytes";
    private static final String PATH = "path";

    private FrameParquet() {}

    static MessageType schema(DatasetSpec spec) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (FeatureSpec feature : spec.allFeatures()) {
            if (feature.isImage()) {
                message.optionalGroup()
                        .optional(PrimitiveTypeName.BINARY).named(BYTES)
                        .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(PATH)
                        .named(feature.name());
            } else if (feature.length() == 1) {
                message.required(primitive(feature.dtype())).named(feature.name());
            } else {
                message.requiredList().requiredElement(primitive(feature.dtype())).named(feature.name());
            }
        }
        return message.named("schema");
    }

    /** Key-value metadata: the HF {@code datasets} features, so HF can decode the file on its own. */
    static Map<String, String> metadata(DatasetSpec spec) {
        ObjectNode features = JsonNodeFactory.instance.objectNode();
        for (FeatureSpec feature : spec.allFeatures()) {
            ObjectNode node = features.putObject(feature.name());
            if (feature.isImage()) {
                node.put("_type", "Image");
            } else if (feature.length() == 1) {
                node.put("dtype", feature.dtype().lerobotName()).put("_type", "Value");
            } else {
                node.putObject("feature").put("dtype", feature.dtype().lerobotName()).put("_type", "Value");
                node.put("length", feature.length()).put("_type", "Sequence");
            }
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("info").set("features", features);
        return Map.of("huggingface", root.toString());
    }

    /** One row: the stored frame's values, with each image given as its PNG bytes. */
    static Group row(SimpleGroupFactory factory, DatasetSpec spec, StoredFrame stored, Map<String, byte[]> png) {
        Group row = factory.newGroup();
        Frame frame = stored.frame();
        for (FeatureSpec feature : spec.features()) {
            String name = feature.name();
            if (feature.isImage()) {
                row.addGroup(name)
                        .append(BYTES, Binary.fromConstantByteArray(png.get(name)))
                        .append(PATH, String.format("frame-%06d.png", stored.frameIndex()));
                continue;
            }
            Object values = frame.values().get(name);
            if (feature.length() == 1) {
                appendCell(row, name, values, 0);
            } else {
                Group list = row.addGroup(name);
                for (int i = 0; i < feature.length(); i++) {
                    appendCell(list.addGroup(0), "element", values, i);
                }
            }
        }
        row.append(DatasetSpec.TIMESTAMP, frame.timestamp());
        row.append(DatasetSpec.FRAME_INDEX, stored.frameIndex());
        row.append(DatasetSpec.EPISODE_INDEX, stored.episodeIndex());
        row.append(DatasetSpec.INDEX, stored.index());
        row.append(DatasetSpec.TASK_INDEX, stored.taskIndex());
        return row;
    }

    static void write(Path file, DatasetSpec spec, List<Group> rows) throws IOException {
        ParquetIo.write(file, schema(spec), metadata(spec), rows);
    }

    /**
     * Reads a data file's rows after checking its columns against the features: every declared feature present
     * with the declared physical type and no undeclared column.
     */
    static List<Group> read(Path file, DatasetSpec spec) throws IOException {
        ParquetIo.Contents contents = ParquetIo.read(file);
        MessageType schema = contents.schema();
        for (FeatureSpec feature : spec.allFeatures()) {
            if (!schema.containsField(feature.name())) {
                throw new DatasetFormatException(file, "column '" + feature.name()
                        + "' declared in meta/info.json is missing (columns: " + columnNames(schema) + ")");
            }
            String problem = typeProblem(schema.getType(feature.name()), feature);
            if (problem != null) {
                throw new DatasetFormatException(file, "column '" + feature.name() + "' " + problem);
            }
        }
        for (Type column : schema.getFields()) {
            if (!spec.byName().containsKey(column.getName())) {
                throw new DatasetFormatException(file, "column '" + column.getName()
                        + "' is not a feature in meta/info.json");
            }
        }
        return new ArrayList<>(contents.rows());
    }

    private static String typeProblem(Type column, FeatureSpec feature) {
        String declared = "feature " + feature.dtype().lerobotName() + feature.shape();
        if (feature.isImage()) {
            boolean ok = !column.isPrimitive() && column.asGroupType().containsField(BYTES)
                    && column.asGroupType().getType(BYTES).isPrimitive()
                    && column.asGroupType().getType(BYTES).asPrimitiveType().getPrimitiveTypeName()
                    == PrimitiveTypeName.BINARY;
            return ok ? null : "is " + column + ", not an image struct {bytes: binary, path: string} for " + declared;
        }
        Type leaf = column;
        if (feature.length() > 1) {
            if (column.isPrimitive() || column.asGroupType().getFieldCount() != 1
                    || column.asGroupType().getType(0).isPrimitive()
                    || column.asGroupType().getType(0).asGroupType().getFieldCount() != 1) {
                return "is " + column + ", not a LIST for " + declared;
            }
            leaf = column.asGroupType().getType(0).asGroupType().getType(0);
        }
        if (!leaf.isPrimitive() || leaf.asPrimitiveType().getPrimitiveTypeName() != primitive(feature.dtype())) {
            return "holds " + leaf + ", not " + primitive(feature.dtype()) + " values for " + declared;
        }
        return null;
    }

    /**
     * Decodes one row into a stored frame, checking each vector's length and each image's size; without
     * {@code withImages} the image columns are skipped (no PNG decoding), for readers of the numeric columns.
     *
     * @throws DatasetFormatException naming {@code file} and the row
     */
    static StoredFrame decode(Path file, int rowNumber, Group row, DatasetSpec spec, String task, boolean withImages)
            throws IOException {
        Frame.Builder frame = Frame.at(row.getFloat(DatasetSpec.TIMESTAMP, 0));
        for (FeatureSpec feature : spec.features()) {
            String name = feature.name();
            String where = "row " + rowNumber + ", column '" + name + "'";
            if (row.getFieldRepetitionCount(name) == 0) {
                throw new DatasetFormatException(file, where + " is null");
            }
            if (feature.isImage() && !withImages) {
                continue;
            }
            if (feature.isImage()) {
                byte[] png = row.getGroup(name, 0).getBinary(BYTES, 0).getBytes();
                RgbImage image;
                try {
                    image = RgbImage.decodePng(png);
                } catch (IOException e) {
                    throw new DatasetFormatException(file, where + ": " + e.getMessage(), e);
                }
                if (image.height() != feature.height() || image.width() != feature.width()) {
                    throw new DatasetFormatException(file, where + " is a " + image.width() + "x" + image.height()
                            + " image, feature declares " + feature.width() + "x" + feature.height());
                }
                frame.image(name, image);
                continue;
            }
            Group list = feature.length() == 1 ? null : row.getGroup(name, 0);
            int count = list == null ? 1 : list.getFieldRepetitionCount(0);
            if (count != feature.length()) {
                throw new DatasetFormatException(file, where + " holds " + count + " values, feature declares "
                        + feature.dtype().lerobotName() + feature.shape());
            }
            Object values = newArray(feature.dtype(), count);
            for (int i = 0; i < count; i++) {
                if (list == null) {
                    readCell(row, row.getType().getFieldIndex(name), values, i);
                } else {
                    readCell(list.getGroup(0, i), 0, values, i);
                }
            }
            frame.put(name, values);
        }
        return new StoredFrame(row.getLong(DatasetSpec.INDEX, 0), row.getLong(DatasetSpec.EPISODE_INDEX, 0),
                row.getLong(DatasetSpec.FRAME_INDEX, 0), row.getLong(DatasetSpec.TASK_INDEX, 0), task, frame.build());
    }

    private static void appendCell(Group group, String field, Object values, int i) {
        if (values instanceof float[] f) {
            group.append(field, f[i]);
        } else if (values instanceof long[] l) {
            group.append(field, l[i]);
        } else {
            group.append(field, ((boolean[]) values)[i]);
        }
    }

    private static Object newArray(Dtype dtype, int length) {
        return switch (dtype) {
            case FLOAT32 -> new float[length];
            case INT64 -> new long[length];
            case BOOL -> new boolean[length];
            case IMAGE -> throw new IllegalArgumentException("images are not arrays");
        };
    }

    private static void readCell(Group group, int field, Object values, int i) {
        if (values instanceof float[] f) {
            f[i] = group.getFloat(field, 0);
        } else if (values instanceof long[] l) {
            l[i] = group.getLong(field, 0);
        } else {
            ((boolean[]) values)[i] = group.getBoolean(field, 0);
        }
    }

    private static PrimitiveTypeName primitive(Dtype dtype) {
        return switch (dtype) {
            case FLOAT32 -> PrimitiveTypeName.FLOAT;
            case INT64 -> PrimitiveTypeName.INT64;
            case BOOL -> PrimitiveTypeName.BOOLEAN;
            case IMAGE -> PrimitiveTypeName.BINARY;
        };
    }

    private static List<String> columnNames(MessageType schema) {
        return schema.getFields().stream().map(Type::getName).toList();
    }
}
