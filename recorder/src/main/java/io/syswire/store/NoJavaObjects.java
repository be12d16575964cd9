package io.syswire.store;

import org.h2.api.JavaObjectSerializer;

/**
 * H2's serializer for JAVA_OBJECT values, replaced: a case never holds Java objects, and
 * deserializing bytes from a hostile file is how gadget chains run. Both directions refuse.
 */
public final class NoJavaObjects implements JavaObjectSerializer {
    @Override
    public byte[] serialize(Object obj) {
        throw new IllegalArgumentException("syswire cases hold no Java objects");
    }

    @Override
    public Object deserialize(byte[] bytes) {
        throw new IllegalArgumentException("syswire never deserializes Java objects from a case");
    }
}
