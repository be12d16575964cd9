package io.syswire.lake;

import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes rows of a {@link LakeTable} as one Parquet file with parquet-java (Snappy pages,
 * dictionary encoding). Rows stream: memory is bounded by one row group.
 */
public final class ParquetTableWriter implements AutoCloseable {
    /** A file's row group: what a writer holds in memory before it writes. */
    public static final int ROW_GROUP_BYTES = 64 << 20;

    private final ParquetWriter<Object[]> writer;
    private long rows;

    public ParquetTableWriter(OutputFile file, LakeTable table) throws IOException {
        this.writer = configure(new Builder(file, table.columns()), table, ROW_GROUP_BYTES).build();
    }

    /** The settings every file of a table is written with (also {@link RawEventWriter}'s). */
    static <T, B extends ParquetWriter.Builder<T, B>> B configure(B builder, LakeTable table, int rowGroupBytes) {
        B b = builder.withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.SNAPPY).withRowGroupSize((long) rowGroupBytes)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                // size statistics (level histograms, byte counts per page) are updated for every value
                // of every column and help no reader we write for (DuckDB, Spark, Trino)
                .withSizeStatisticsEnabled(false);
        for (String unique : new String[] {"seq", "ts"}) {
            if (table.columns().stream().anyMatch(c -> c.name().equals(unique))) {
                b = b.withDictionaryEncoding(unique, false); // every value differs: a dictionary only costs
            }
        }
        for (LakeColumn c : table.columns()) {
            if (c.type() == LakeColumn.Type.JSON) {
                // min/max of JSON texts prune nothing, and comparing every value costs
                b = b.withStatisticsEnabled(c.name(), false);
            }
        }
        return b;
    }

    /** The Parquet schema of a table's files. */
    public static MessageType schema(LakeTable table) {
        return schema(table.columns());
    }

    private static MessageType schema(List<LakeColumn> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (LakeColumn c : columns) {
            switch (c.type()) {
                case INT32 -> b.optional(PrimitiveTypeName.INT32).named(c.name());
                case INT64 -> b.optional(PrimitiveTypeName.INT64).named(c.name());
                case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
                case STRING -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
                case JSON -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.jsonType()).named(c.name());
                case TIMESTAMP -> b.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS)).named(c.name());
            }
        }
        return b.named("row");
    }

    /** @param values in the order of the table's columns */
    public void write(Object[] values) throws IOException {
        writer.write(values);
        rows++;
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final List<LakeColumn> columns;

        Builder(OutputFile file, List<LakeColumn> columns) {
            super(file);
            this.columns = columns;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return new RowSupport(columns);
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowSupport(columns);
        }
    }

    /** Hands each row's values to Parquet's record consumer, column by column. */
    static final class RowSupport extends WriteSupport<Object[]> {
        private final List<LakeColumn> columns;
        private final LakeColumn.Type[] types;
        private final String[] names;
        // Strings that repeat (kinds, syscall names, masks, a block's comm) are the same
        // instances row after row: encode each once.
        private final java.util.IdentityHashMap<String, Binary> encoded = new java.util.IdentityHashMap<>();
        private RecordConsumer out;

        RowSupport(List<LakeColumn> columns) {
            this.columns = columns;
            this.types = columns.stream().map(LakeColumn::type).toArray(LakeColumn.Type[]::new);
            this.names = columns.stream().map(LakeColumn::name).toArray(String[]::new);
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(schema(columns), Map.of("writer", "syswire"));
        }

        @Override
        @SuppressWarnings("deprecation")
        public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
            return new WriteContext(schema(columns), Map.of("writer", "syswire"));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        /** Writes through a consumer another support was handed (one file, two ways to make its records). */
        void consumer(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        private Binary binary(String s) {
            if (encoded.size() > 4096) {
                encoded.clear();
            }
            return encoded.computeIfAbsent(s, x -> Binary.fromConstantByteArray(x.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        @Override
        public void write(Object[] row) {
            out.startMessage();
            for (int i = 0; i < types.length; i++) {
                Object v = row[i];
                if (v == null) {
                    continue;
                }
                out.startField(names[i], i);
                switch (types[i]) {
                    case INT32 -> out.addInteger((Integer) v);
                    case INT64, TIMESTAMP -> out.addLong((Long) v);
                    case BOOLEAN -> out.addBoolean((Boolean) v);
                    case STRING -> out.addBinary(binary((String) v));
                    case JSON -> out.addBinary(Binary.fromString((String) v));
                }
                out.endField(names[i], i);
            }
            out.endMessage();
        }
    }

    /** Unchecked for use inside handlers that cannot throw. */
    public void writeUnchecked(Object[] values) {
        try {
            write(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
