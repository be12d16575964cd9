package io.syswire.shell;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.List;

/** Tab: dot-command lines go to the dot-command completer, everything else is SQL. */
final class ShellCompleter implements Completer {
    private final SqlCompleter sql;
    private final DotCompleter dots;

    ShellCompleter(SqlCompleter sql, DotCompleter dots) {
        this.sql = sql;
        this.dots = dots;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String buffer = line.line();
        int cursor = line.cursor();
        if (SqlParser.dotLine(buffer, cursor)) {
            dots.complete(reader, line, candidates);
            return;
        }
        int wordStart = cursor - line.wordCursor();
        Statements.Split before = Statements.split(buffer.substring(0, wordStart));
        int start = before.finished() ? wordStart : before.restStart();
        String statement = buffer.substring(start);
        Statements.Split after = Statements.split(statement);
        if (!after.complete().isEmpty()) {
            statement = after.complete().get(0).text();
        }
        candidates.addAll(sql.complete(buffer.substring(start, wordStart), statement, line.word()));
    }
}
