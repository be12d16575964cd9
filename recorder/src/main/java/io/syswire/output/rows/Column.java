package io.syswire.output.rows;

/** A result column: its label and how its values are to be written. */
public record Column(String name, Kind kind) {
    public enum Kind { TEXT, NUMBER, BOOLEAN, JSON, TIMESTAMP }
}
