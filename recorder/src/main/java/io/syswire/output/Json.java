package io.syswire.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON conventions of syswire in one place: whole numbers are {@link Long}, objects keep
 * their key order, and argument values are written the way the raw log and traces show them.
 */
public final class Json {
    /** Shared, thread-safe once configured: ints as Long so decoded values compare equal everywhere. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    public static final JsonFactory FACTORY = MAPPER.getFactory();
    /** For tree reading: keeps numbers beyond 64 bits as BigInteger nodes instead of failing. */
    public static final ObjectMapper TREE = new ObjectMapper();

    private Json() {
    }

    /** Writes a syscall argument value: Long, String, Map, List, Boolean, Double or null. */
    public static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else {
            g.writeString(v.toString());
        }
    }

    /** A value as compact JSON text. */
    public static String text(Object v) {
        try {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(w)) {
                writeValue(g, v);
            }
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON text into Long/String/Map/List values. */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }
}
