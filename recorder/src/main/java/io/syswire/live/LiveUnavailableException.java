package io.syswire.live;

import io.syswire.BadInputException;

/**
 * Live recording cannot work on this machine as it is (no privileges, no BTF, no libbpf,
 * the kernel refused the program). The message says what to do; exit status 2.
 */
public final class LiveUnavailableException extends BadInputException {
    public LiveUnavailableException(String message) {
        super(message);
    }
}
