package dev.vla4j.policy.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * {@code meta/tasks.parquet} and {@code meta/episodes/chunk-XXX/file-YYY.parquet}.
 *
 * <p>LeRobot keeps tasks as a pandas DataFrame indexed by the task string with one column {@code task_index}
 * ({@code tasks.iloc[i].name} is the task). We write the columns {@code task_index} and {@code task} plus the
 * {@code pandas} metadata that pyarrow writes, naming {@code task} as the index, so {@code pd.read_parquet}
 * rebuilds that DataFrame.
 */
final class MetaParquet {
    static final String TASK = "task";
    static final String TASKS = "tasks";
    static final String LENGTH = "length";
    static final String DATA_CHUNK = "data/chunk_index";
    static final String DATA_FILE = "data/file_index";
    static final String FROM = "dataset_from_index";
    static final String TO = "dataset_to_index";
    static final String META_CHUNK = "meta/episodes/chunk_index";
    static final String META_FILE = "meta/episodes/file_index";
    private static final List<String> EPISODE_LONGS =
            List.of(DatasetSpec.EPISODE_INDEX, LENGTH, DATA_CHUNK, DATA_FILE, FROM, TO, META_CHUNK, META_FILE);

    private static final MessageType TASKS_SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named(DatasetSpec.TASK_INDEX)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(TASK)
            .named("schema");

    private static final MessageType EPISODES_SCHEMA = episodesSchema();

    private static final String PANDAS_METADATA = """
            {"index_columns": ["task"], "column_indexes": [{"name": null, "field_name": null, \
            "pandas_type": "unicode", "numpy_type": "object", "metadata": {"encoding": "UTF-8"}}], \
            "columns": [{"name": "task_index", "field_name": "task_index", "pandas_type": "int64", \
            "numpy_type": "int64", "metadata": null}, {"name": "task", "field_name": "task", \
            "pandas_type": "unicode", "numpy_type": "object", "metadata": null}], \
            "creator": {"library": "pyarrow", "version": "17.0.0"}, "pandas_version": "2.2.3"}""";

    private MetaParquet() {}

    private static MessageType episodesSchema() {
        Types.MessageTypeBuilder message = Types.buildMessage();
        message.required(PrimitiveTypeName.INT64).named(DatasetSpec.EPISODE_INDEX);
        message.requiredList().requiredElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                .named(TASKS);
        for (String column : EPISODE_LONGS.subList(1, EPISODE_LONGS.size())) {
            message.required(PrimitiveTypeName.INT64).named(column);
        }
        return message.named("schema");
    }

    static void writeTasks(Path file, List<String> tasks) throws IOException {
        SimpleGroupFactory factory = new SimpleGroupFactory(TASKS_SCHEMA);
        List<Group> rows = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            rows.add(factory.newGroup().append(DatasetSpec.TASK_INDEX, (long) i).append(TASK, tasks.get(i)));
        }
        ParquetIo.write(file, TASKS_SCHEMA, Map.of("pandas", PANDAS_METADATA), rows);
    }

    /** The first {@code count} tasks in task_index order; rows past {@code count} (uncommitted) are ignored. */
    static List<String> readTasks(Path file, int count) throws IOException {
        ParquetIo.Contents contents = ParquetIo.read(file);
        requireColumns(file, contents.schema(), List.of(DatasetSpec.TASK_INDEX, TASK));
        String[] tasks = new String[count];
        for (Group row : contents.rows()) {
            long index = row.getLong(DatasetSpec.TASK_INDEX, 0);
            if (index < 0 || index >= count) {
                continue;
            }
            if (tasks[(int) index] != null) {
                throw new DatasetFormatException(file, "task_index " + index + " appears twice");
            }
            tasks[(int) index] = row.getString(TASK, 0);
        }
        for (int i = 0; i < count; i++) {
            if (tasks[i] == null) {
                throw new DatasetFormatException(file, "task_index " + i + " is missing (info.json lists " + count
                        + " tasks)");
            }
        }
        return List.of(tasks);
    }

    static void writeEpisodes(Path file, List<EpisodeInfo> episodes, int metaChunk, int metaFile)
            throws IOException {
        SimpleGroupFactory factory = new SimpleGroupFactory(EPISODES_SCHEMA);
        List<Group> rows = new ArrayList<>();
        for (EpisodeInfo episode : episodes) {
            Group row = factory.newGroup().append(DatasetSpec.EPISODE_INDEX, episode.episodeIndex());
            Group tasks = row.addGroup(TASKS);
            episode.tasks().forEach(task -> tasks.addGroup(0).append("element", task));
            row.append(LENGTH, episode.length())
                    .append(DATA_CHUNK, (long) episode.dataChunk()).append(DATA_FILE, (long) episode.dataFile())
                    .append(FROM, episode.fromIndex()).append(TO, episode.toIndex())
                    .append(META_CHUNK, (long) metaChunk).append(META_FILE, (long) metaFile);
            rows.add(row);
        }
        ParquetIo.write(file, EPISODES_SCHEMA, Map.of(), rows);
    }

    /** Every episode row of one episodes file, in file order. */
    static List<EpisodeInfo> readEpisodes(Path file) throws IOException {
        ParquetIo.Contents contents = ParquetIo.read(file);
        List<String> required = new ArrayList<>(EPISODE_LONGS.subList(0, 6));
        required.add(TASKS);
        requireColumns(file, contents.schema(), required);
        List<EpisodeInfo> episodes = new ArrayList<>();
        for (Group row : contents.rows()) {
            try {
                Group taskList = row.getGroup(TASKS, 0);
                List<String> tasks = new ArrayList<>();
                for (int i = 0; i < taskList.getFieldRepetitionCount(0); i++) {
                    tasks.add(taskList.getGroup(0, i).getString(0, 0));
                }
                episodes.add(new EpisodeInfo(row.getLong(DatasetSpec.EPISODE_INDEX, 0), tasks,
                        row.getLong(LENGTH, 0), Math.toIntExact(row.getLong(DATA_CHUNK, 0)),
                        Math.toIntExact(row.getLong(DATA_FILE, 0)), row.getLong(FROM, 0), row.getLong(TO, 0)));
            } catch (RuntimeException e) {
                throw new DatasetFormatException(file, "bad episode row: " + e.getMessage(), e);
            }
        }
        return episodes;
    }

    private static void requireColumns(Path file, MessageType schema, List<String> columns)
            throws DatasetFormatException {
        for (String column : columns) {
            if (!schema.containsField(column)) {
                throw new DatasetFormatException(file, "column '" + column + "' is missing (columns: "
                        + schema.getFields().stream().map(Type::getName).toList() + ")");
            }
        }
    }
}
