package io.syswire.store;

import io.syswire.event.RawEvent;
import io.syswire.pipeline.RawEventHandler;
import io.syswire.pipeline.Source;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A source read to its end and checked before any case is touched, kept meanwhile as raw
 * blocks in a private temporary file: an import reads its log once, and a bad line anywhere
 * is found before the case is opened for writing, so a failed import changes no byte of it.
 * Replaying the spool into the pipeline then costs a block decode per event.
 */
public final class SpooledLog implements Source {
    private final Path file;
    private final long events;
    private boolean closed;

    private SpooledLog(Path file, long events) {
        this.file = file;
        this.events = events;
    }

    /** Drains {@code source} completely into a new spool; on any failure nothing is left behind. */
    public static SpooledLog of(Source source) throws IOException {
        Path f = Files.createTempFile("syswire-import-", ".spool",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16))) {
            RawBlockEncoder blocks = new RawBlockEncoder();
            long[] n = {0};
            source.drain(e -> {
                if (blocks.isFull()) {
                    write(out, blocks.finishBlock());
                }
                blocks.add(e, ++n[0]);
            });
            if (!blocks.isEmpty()) {
                write(out, blocks.finishBlock());
            }
            return new SpooledLog(f, n[0]);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(f);
            throw e;
        }
    }

    private static void write(DataOutputStream out, RawBlock b) {
        try {
            out.writeInt(b.count());
            out.writeInt(b.data().length);
            out.write(b.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long events() {
        return events;
    }

    @Override
    public void drain(RawEventHandler handler) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                int count;
                try {
                    count = in.readInt();
                } catch (EOFException end) {
                    return;
                }
                byte[] data = new byte[in.readInt()];
                in.readFully(data);
                RawBlockDecoder d = new RawBlockDecoder(data, count);
                while (d.hasNext()) {
                    RawEvent e = d.next();
                    handler.accept(e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            Files.deleteIfExists(file);
        }
    }
}
