package dev.vla4j.policy.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Whole-file Parquet I/O with parquet's example {@link Group} model and no Hadoop at run time (specs/sim.md
 * §4.4): written with parquet-hadoop's writer ({@link LocalOutputFile}, {@link PlainParquetConfiguration},
 * UNCOMPRESSED pages), read with {@link LocalParquetFile}.
 */
final class ParquetIo {

    /** A file's schema, its key-value metadata and all its rows. */
    record Contents(MessageType schema, Map<String, String> metadata, List<Group> rows) {}

    private ParquetIo() {}

    /** Writes {@code rows} to {@code file} (replacing it), atomically. */
    static void write(Path file, MessageType schema, Map<String, String> metadata, List<Group> rows)
            throws IOException {
        AtomicFiles.write(file, temp -> {
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(temp))
                    .withConf(new PlainParquetConfiguration())
                    .withType(schema)
                    .withExtraMetaData(metadata)
                    .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build()) {
                for (Group row : rows) {
                    writer.write(row);
                }
            }
        });
    }

    /** Reads every row of {@code file}; a file that is not Parquet is a {@link DatasetFormatException}. */
    static Contents read(Path file) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new DatasetFormatException(file, "file is missing");
        }
        try {
            LocalParquetFile parquet = LocalParquetFile.open(file);
            MessageType schema = parquet.schema();
            List<Group> rows = new ArrayList<>();
            for (BlockMetaData block : parquet.rowGroups()) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(parquet.rowGroup(block), new GroupRecordConverter(schema));
                for (long i = 0; i < block.getRowCount(); i++) {
                    rows.add(records.read());
                }
            }
            return new Contents(schema, parquet.keyValueMetadata(), rows);
        } catch (DatasetFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DatasetFormatException(file, "not a readable Parquet file: " + e, e);
        }
    }
}
