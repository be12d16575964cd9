package io.syswire.live.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A namespace as syswire publishes it, {@code "<nsfs device id>-<inode>"} (e.g. "4-4026531840"):
 * st_dev and st_ino of /proc/PID/ns/KIND as stat(2) reports them, which is what
 * {@code stat -L -c '%d-%i'} prints. nsfs is one anonymous filesystem per boot, so the
 * device is the same for every namespace: a BPF-reported inode, or the inode in a namespace
 * link's text ("mnt:[4026531840]"), pairs with the device of any one, such as /proc/self/ns/mnt.
 */
public record NamespaceId(long dev, long inode) {

    /** stat(2) of a namespace link (followed); empty when the task is gone or a zombie. */
    public static Optional<NamespaceId> of(Path nsLink) {
        try {
            Map<String, Object> a = Files.readAttributes(nsLink, "unix:dev,ino");
            return Optional.of(new NamespaceId((Long) a.get("dev"), (Long) a.get("ino")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** From a namespace link's text, {@code "mnt:[4026531840]"}; empty when it is not one. */
    public static Optional<NamespaceId> fromLinkText(long nsfsDev, String text) {
        int open = text.indexOf(":[");
        if (open < 0 || !text.endsWith("]")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NamespaceId(nsfsDev, Long.parseLong(text.substring(open + 2, text.length() - 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(dev) + "-" + Long.toUnsignedString(inode);
    }
}
