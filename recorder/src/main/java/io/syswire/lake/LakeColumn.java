package io.syswire.lake;

/**
 * A column of a lake table and how it is stored in Parquet. Values of a row are Integer
 * (INT32), Long (INT64, and TIMESTAMP as nanoseconds since the epoch), Boolean, String (STRING,
 * and JSON as its text), or null.
 */
public record LakeColumn(String name, Type type) {
    public enum Type { INT32, INT64, BOOLEAN, STRING, JSON, TIMESTAMP }

    static LakeColumn of(String name, Type type) {
        return new LakeColumn(name, type);
    }
}
