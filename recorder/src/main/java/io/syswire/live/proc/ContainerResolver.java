package io.syswire.live.proc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which container a process runs in, from its /proc/PID/cgroup text: id, runtime and pod UID
 * from the path ({@link CgroupPaths}), the name from the runtime's metadata on disk
 * ({@link ContainerNames}). Names are cached per container id in a small LRU map, because
 * the same containers exec over and over. Misses are cached too: every runtime writes its
 * metadata before a container's first process starts, so a miss stays a miss. A name never
 * changes while a container runs, docker rename aside (the old name stays until the entry
 * falls out of the cache). Thread-safe.
 */
public final class ContainerResolver {
    public static final int DEFAULT_CACHE_SIZE = 512;

    private final ContainerNames names;
    private final Map<String, Optional<String>> cache;

    public ContainerResolver(MetadataRoots roots) {
        this(roots, DEFAULT_CACHE_SIZE);
    }

    public ContainerResolver(MetadataRoots roots, int cacheSize) {
        this.names = new ContainerNames(roots);
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /** The container named by a /proc/PID/cgroup file's content; empty for a process in none. */
    public Optional<Container> fromProcCgroup(String text) {
        return CgroupPaths.fromProcFile(text).map(this::resolve);
    }

    public Container resolve(CgroupContainer c) {
        return new Container(c.id(), c.runtime(), name(c), c.podUid());
    }

    private String name(CgroupContainer c) {
        Optional<String> cached;
        synchronized (cache) {
            cached = cache.get(c.id());
        }
        if (cached == null) {
            // read outside the lock: disk reads must not serialise unrelated lookups
            cached = Optional.ofNullable(names.name(c.runtime(), c.id()));
            synchronized (cache) {
                cache.put(c.id(), cached);
            }
        }
        return cached.orElse(null);
    }
}
