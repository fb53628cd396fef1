package dev.vla4j.policy.dataset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

/**
 * A whole local Parquet file in memory, read with parquet's public page and metadata classes only.
 *
 * <p>parquet-hadoop's own {@code ParquetFileReader} cannot be used without Hadoop: building its
 * {@code ParquetReadOptions} loads {@code ParquetInputFormat}, which extends a Hadoop MapReduce class. This reader
 * handles what our writer and pyarrow write by default: v1 data pages, plain or dictionary encoded, UNCOMPRESSED
 * or SNAPPY (snappy-java, already a parquet-hadoop dependency); anything else is refused by name.
 */
final class LocalParquetFile {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

    private final byte[] bytes;
    private final ParquetMetadata footer;

    private LocalParquetFile(byte[] bytes, ParquetMetadata footer) {
        this.bytes = bytes;
        this.footer = footer;
    }

    static LocalParquetFile open(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int n = bytes.length;
        if (n < 12 || !Arrays.equals(bytes, 0, 4, MAGIC, 0, 4) || !Arrays.equals(bytes, n - 4, n, MAGIC, 0, 4)) {
            throw new IOException("no PAR1 magic at both ends (" + n + " bytes): truncated or not Parquet");
        }
        int footerLength = ByteBuffer.wrap(bytes, n - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        if (footerLength <= 0 || footerLength > n - 12) {
            throw new IOException("footer length " + footerLength + " does not fit in " + n + " bytes");
        }
        ParquetMetadata footer = CONVERTER.readParquetMetadata(
                new ByteArrayInputStream(bytes, n - 8 - footerLength, footerLength),
                ParquetMetadataConverter.NO_FILTER);
        return new LocalParquetFile(bytes, footer);
    }

    MessageType schema() {
        return footer.getFileMetaData().getSchema();
    }

    Map<String, String> keyValueMetadata() {
        return footer.getFileMetaData().getKeyValueMetaData();
    }

    List<BlockMetaData> rowGroups() {
        return footer.getBlocks();
    }

    /** The pages of one row group, for parquet's record assembly. */
    PageReadStore rowGroup(BlockMetaData block) {
        return new PageReadStore() {
            @Override
            public PageReader getPageReader(ColumnDescriptor column) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    if (Arrays.equals(chunk.getPath().toArray(), column.getPath())) {
                        try {
                            return pages(chunk);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                throw new IllegalArgumentException("no column chunk " + Arrays.toString(column.getPath()));
            }

            @Override
            public long getRowCount() {
                return block.getRowCount();
            }
        };
    }

    private PageReader pages(ColumnChunkMetaData chunk) throws IOException {
        CompressionCodecName codec = chunk.getCodec();
        if (codec != CompressionCodecName.UNCOMPRESSED && codec != CompressionCodecName.SNAPPY) {
            throw new IOException("column " + chunk.getPath() + " is compressed with " + codec
                    + "; this reader handles UNCOMPRESSED and SNAPPY");
        }
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, Math.toIntExact(chunk.getStartingPos()),
                Math.toIntExact(chunk.getTotalSize()));
        Deque<DataPage> data = new ArrayDeque<>();
        DictionaryPage dictionary = null;
        long values = 0;
        while (values < chunk.getValueCount()) {
            PageHeader header = Util.readPageHeader(in);
            byte[] body = in.readNBytes(header.getCompressed_page_size());
            if (body.length != header.getCompressed_page_size()) {
                throw new IOException("column " + chunk.getPath() + " ends inside a page");
            }
            BytesInput page = BytesInput.from(codec == CompressionCodecName.SNAPPY
                    ? org.xerial.snappy.Snappy.uncompress(body) : body);
            switch (header.getType()) {
                case DICTIONARY_PAGE -> dictionary = new DictionaryPage(page,
                        header.getDictionary_page_header().getNum_values(),
                        CONVERTER.getEncoding(header.getDictionary_page_header().getEncoding()));
                case DATA_PAGE -> {
                    DataPageHeader h = header.getData_page_header();
                    data.add(new DataPageV1(page, h.getNum_values(), header.getUncompressed_page_size(), null,
                            CONVERTER.getEncoding(h.getRepetition_level_encoding()),
                            CONVERTER.getEncoding(h.getDefinition_level_encoding()),
                            CONVERTER.getEncoding(h.getEncoding())));
                    values += h.getNum_values();
                }
                case INDEX_PAGE -> { }
                default -> throw new IOException("column " + chunk.getPath() + " has a " + header.getType()
                        + " page; this reader handles v1 data pages");
            }
        }
        DictionaryPage dictionaryPage = dictionary;
        long total = values;
        return new PageReader() {
            @Override
            public DictionaryPage readDictionaryPage() {
                return dictionaryPage;
            }

            @Override
            public long getTotalValueCount() {
                return total;
            }

            @Override
            public DataPage readPage() {
                return data.poll();
            }
        };
    }
}
