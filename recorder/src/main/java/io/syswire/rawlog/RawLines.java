package io.syswire.rawlog;

import io.syswire.BadInputException;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a raw log, one at a time, each at most {@link #MAX_LINE} long: a hostile file
 * (300 MB of NULs, no newline) is refused at that length instead of filling the heap. A byte
 * stream is decoded as strict UTF-8 line by line, so broken encoding is reported on the line
 * that holds it. A line ends at \n; a \r before it is dropped.
 */
abstract class RawLines implements Closeable {
    /** The longest line a raw log may hold, in bytes (or chars for text already decoded). */
    static final int MAX_LINE = 1 << 20;

    private final String name;
    private long line;

    RawLines(String name) {
        this.name = name;
    }

    /** The next line without its terminator, or null at the end. */
    final String next() throws IOException {
        String s = read();
        if (s != null) {
            line++;
        }
        return s;
    }

    abstract String read() throws IOException;

    final BadInputException tooLong() {
        return new BadInputException(name + " line " + (line + 1) + ": longer than " + MAX_LINE + " bytes (a raw log line is at most 1 MiB)");
    }

    final BadInputException notUtf8() {
        return new BadInputException(name + " line " + (line + 1) + ": not valid UTF-8");
    }

    static RawLines of(InputStream in, String name) {
        return new Bytes(in, name);
    }

    static RawLines of(BufferedReader in, String name) {
        return new Chars(in, name);
    }

    /** Raw bytes, decoded here. */
    private static final class Bytes extends RawLines {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int end;
        private byte[] line = new byte[256];
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

        Bytes(InputStream in, String name) {
            super(name);
            this.in = in;
        }

        @Override
        String read() throws IOException {
            int len = 0;
            boolean ascii = true;
            boolean any = false;
            while (true) {
                if (pos == end) {
                    end = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        return any ? decode(len, ascii) : null;
                    }
                }
                any = true;
                int start = pos;
                int nl = -1;
                for (int i = pos; i < end; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        nl = i;
                        break;
                    }
                    ascii &= b >= 0;
                }
                int stop = nl >= 0 ? nl : end;
                int n = stop - start;
                if (len + n > MAX_LINE) {
                    throw tooLong();
                }
                if (len + n > line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(len + n, line.length * 2)));
                }
                System.arraycopy(buf, start, line, len, n);
                len += n;
                if (nl >= 0) {
                    pos = nl + 1;
                    return decode(len, ascii);
                }
                pos = end;
            }
        }

        private String decode(int len, boolean ascii) {
            if (len > 0 && line[len - 1] == '\r') {
                len--;
            }
            if (ascii) {
                return new String(line, 0, len, StandardCharsets.ISO_8859_1);
            }
            try {
                return utf8.reset().decode(ByteBuffer.wrap(line, 0, len)).toString();
            } catch (CharacterCodingException e) {
                throw notUtf8();
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Text already decoded (tests, strings). */
    private static final class Chars extends RawLines {
        private final BufferedReader in;
        private final char[] buf = new char[1 << 14];
        private int pos;
        private int end;
        private final StringBuilder b = new StringBuilder();

        Chars(BufferedReader in, String name) {
            super(name);
            this.in = in;
        }

        @Override
        String read() throws IOException {
            b.setLength(0);
            boolean any = false;
            while (true) {
                if (pos == end) {
                    try {
                        end = in.read(buf, 0, buf.length);
                    } catch (CharacterCodingException e) {
                        throw notUtf8();
                    }
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        return any ? finish() : null;
                    }
                }
                any = true;
                int nl = -1;
                for (int i = pos; i < end; i++) {
                    if (buf[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                int stop = nl >= 0 ? nl : end;
                if (b.length() + stop - pos > MAX_LINE) {
                    throw tooLong();
                }
                b.append(buf, pos, stop - pos);
                if (nl >= 0) {
                    pos = nl + 1;
                    return finish();
                }
                pos = end;
            }
        }

        private String finish() {
            int len = b.length();
            if (len > 0 && b.charAt(len - 1) == '\r') {
                b.setLength(len - 1);
            }
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
