package io.syswire.live.proc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a container's name from the metadata its runtime keeps on disk; no caching (see
 * {@link ContainerResolver}). Sources:
 * <ul>
 * <li>Docker: {@code <docker>/containers/ID/config.v2.json}, {@code "Name":"/name"}</li>
 * <li>containerd: the OCI bundle {@code <state>/io.containerd.runtime.v2.task/NS/ID/config.json}
 *     (v1 shims: {@code io.containerd.runtime.v1.linux}), annotation
 *     {@code io.kubernetes.cri.container-name} (CRI) or {@code nerdctl/name}; it exists while the
 *     container runs, which is when syswire sees its processes</li>
 * <li>CRI-O: {@code <storageRun|storage>/overlay-containers/ID/userdata/config.json}, annotation
 *     {@code io.kubernetes.container.name}</li>
 * <li>Podman: containers/storage's index {@code <storage>/overlay-containers/containers.json}
 *     (and {@code volatile-containers.json}, where {@code --rm} containers go),
 *     {@code "names":["name"]}; Podman's own OCI spec carries no name annotation</li>
 * </ul>
 * The runtime a cgroup path points at is asked first, then the others: a bare id in a path
 * may belong to any of them, and 64-hex ids do not collide across runtimes.
 */
final class ContainerNames {
    private static final String CRI_CONTAINER_NAME = "io.kubernetes.cri.container-name";
    private static final String NERDCTL_NAME = "nerdctl/name";
    private static final String CRIO_CONTAINER_NAME = "io.kubernetes.container.name";
    private static final List<ContainerRuntime> ORDER =
            List.of(ContainerRuntime.DOCKER, ContainerRuntime.CONTAINERD, ContainerRuntime.CRIO, ContainerRuntime.PODMAN);

    private final MetadataRoots roots;
    private final ObjectMapper json = new ObjectMapper();

    ContainerNames(MetadataRoots roots) {
        this.roots = roots;
    }

    /** The container's name, or null when no runtime's metadata names it. */
    String name(ContainerRuntime likely, String id) {
        String name = likely == ContainerRuntime.UNKNOWN ? null : from(likely, id);
        for (int i = 0; name == null && i < ORDER.size(); i++) {
            if (ORDER.get(i) != likely) {
                name = from(ORDER.get(i), id);
            }
        }
        return name;
    }

    private String from(ContainerRuntime runtime, String id) {
        return switch (runtime) {
            case DOCKER -> docker(id);
            case CONTAINERD -> containerd(id);
            case CRIO -> crio(id);
            case PODMAN -> podman(id);
            case UNKNOWN -> null;
        };
    }

    private String docker(String id) {
        JsonNode config = read(roots.docker().resolve("containers").resolve(id).resolve("config.v2.json"));
        String name = text(config == null ? null : config.get("Name"));
        return name != null && name.startsWith("/") ? nonEmpty(name.substring(1)) : name;
    }

    private String containerd(String id) {
        for (Path state : roots.containerdStates()) {
            for (String shims : List.of("io.containerd.runtime.v2.task", "io.containerd.runtime.v1.linux")) {
                for (Path namespace : namespaces(state.resolve(shims))) {
                    JsonNode spec = read(namespace.resolve(id).resolve("config.json"));
                    if (spec != null) {
                        JsonNode annotations = spec.path("annotations");
                        String name = text(annotations.get(CRI_CONTAINER_NAME));
                        return name != null ? name : text(annotations.get(NERDCTL_NAME));
                    }
                }
            }
        }
        return null;
    }

    /** containerd namespaces, Kubernetes' first since that is where most containers are. */
    private static List<Path> namespaces(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (p.getFileName().toString().equals("k8s.io")) {
                    out.add(0, p);
                } else {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            // a runtime tearing down its state: nothing to find here
        }
        return out;
    }

    private String crio(String id) {
        for (Path root : List.of(roots.storageRun(), roots.storage())) {
            JsonNode spec = read(root.resolve("overlay-containers").resolve(id).resolve("userdata").resolve("config.json"));
            if (spec != null) {
                return text(spec.path("annotations").get(CRIO_CONTAINER_NAME));
            }
        }
        return null;
    }

    private String podman(String id) {
        for (Path root : List.of(roots.storage(), roots.storageRun())) {
            for (String index : List.of("containers.json", "volatile-containers.json")) {
                JsonNode containers = read(root.resolve("overlay-containers").resolve(index));
                if (containers == null || !containers.isArray()) {
                    continue;
                }
                for (JsonNode c : containers) {
                    if (id.equals(c.path("id").asText())) {
                        return text(c.path("names").get(0));
                    }
                }
            }
        }
        return null;
    }

    private JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return json.readTree(file.toFile());
        } catch (IOException e) {
            // removed or half-written under us: as good as absent
            return null;
        }
    }

    private static String text(JsonNode n) {
        return n == null || !n.isTextual() ? null : nonEmpty(n.asText());
    }

    private static String nonEmpty(String s) {
        return s.isEmpty() ? null : s;
    }
}
