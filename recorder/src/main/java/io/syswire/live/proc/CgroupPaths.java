package io.syswire.live.proc;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads container ids out of cgroup paths, as /proc/PID/cgroup shows them to a reader in
 * the host's cgroup namespace. Both line formats: cgroup v2 {@code 0::/path} and v1
 * {@code N:controller[,controller]:/path}.
 *
 * <p>Shapes recognised, one path component at a time, innermost first (so a sub-cgroup a
 * container made for itself, such as podman's {@code .../libpod-ID.scope/container}, still
 * names its container):
 * <ul>
 * <li>{@code docker-ID.scope} (systemd driver), {@code /docker/ID} (cgroupfs driver)</li>
 * <li>{@code cri-containerd-ID.scope} (Kubernetes, systemd driver), {@code nerdctl-ID.scope};
 *     a bare {@code ID} under kubepods (cgroupfs driver) is taken as containerd</li>
 * <li>{@code crio-ID.scope}, {@code crio-ID}</li>
 * <li>{@code libpod-ID.scope}, {@code libpod-ID} (machine.slice, user.slice, libpod_parent)</li>
 * </ul>
 * The runtimes' monitor scopes ({@code crio-conmon-ID.scope}, {@code libpod-conmon-ID.scope})
 * hold conmon, a host process, and are not containers. Pod UIDs come from {@code pod<uid>}
 * (cgroupfs) or {@code kubepods-<qos>-pod<uid_with_underscores>.slice} (systemd), dashed.
 */
public final class CgroupPaths {
    private static final Pattern SCOPED =
            Pattern.compile("(docker|cri-containerd|crio|libpod|nerdctl)-([0-9a-f]{64})(?:\\.scope)?");
    private static final Pattern BARE = Pattern.compile("[0-9a-f]{64}");
    // static pods' UIDs are 32-hex config hashes rather than UUIDs
    private static final Pattern POD = Pattern.compile(
            "(?:kubepods(?:-[a-z]+)?-)?pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12}"
                    + "|[0-9a-f]{32})(?:\\.slice)?");

    private CgroupPaths() {
    }

    /** The container named by the content of a /proc/PID/cgroup file: the first line that names one. */
    public static Optional<CgroupContainer> fromProcFile(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            Optional<CgroupContainer> c = fromLine(text.substring(start, end));
            if (c.isPresent()) {
                return c;
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    /** One line, {@code hierarchy-id:controllers:path}. */
    public static Optional<CgroupContainer> fromLine(String line) {
        int first = line.indexOf(':');
        int second = first < 0 ? -1 : line.indexOf(':', first + 1);
        return second < 0 ? Optional.empty() : fromPath(line.substring(second + 1));
    }

    public static Optional<CgroupContainer> fromPath(String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            String id = null;
            ContainerRuntime runtime = null;
            Matcher m = SCOPED.matcher(parts[i]);
            if (m.matches()) {
                id = m.group(2);
                runtime = runtime(m.group(1));
            } else if (BARE.matcher(parts[i]).matches()) {
                id = parts[i];
                runtime = i > 0 && parts[i - 1].equals("docker") ? ContainerRuntime.DOCKER
                        : underKubepods(parts, i) ? ContainerRuntime.CONTAINERD
                        : ContainerRuntime.UNKNOWN;
            }
            if (id != null) {
                return Optional.of(new CgroupContainer(id, runtime, podUid(parts, i)));
            }
        }
        return Optional.empty();
    }

    private static ContainerRuntime runtime(String prefix) {
        return switch (prefix) {
            case "docker" -> ContainerRuntime.DOCKER;
            case "crio" -> ContainerRuntime.CRIO;
            case "libpod" -> ContainerRuntime.PODMAN;
            default -> ContainerRuntime.CONTAINERD;
        };
    }

    private static boolean underKubepods(String[] parts, int below) {
        for (int i = 0; i < below; i++) {
            if (parts[i].startsWith("kubepods")) {
                return true;
            }
        }
        return false;
    }

    /** The pod UID from the components above the container's, when they are kubepods ones. */
    private static String podUid(String[] parts, int below) {
        if (!underKubepods(parts, below)) {
            return null;
        }
        for (int i = below - 1; i >= 0; i--) {
            Matcher m = POD.matcher(parts[i]);
            if (m.matches()) {
                return m.group(1).replace('_', '-');
            }
        }
        return null;
    }
}
