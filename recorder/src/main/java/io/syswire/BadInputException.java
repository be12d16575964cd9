package io.syswire;

/**
 * Input a user gave us is wrong: a flag, a task string, a raw log line, a case file.
 * The message is one line that names the problem; the command line turns it into
 * exit status 2 without a stack trace.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
