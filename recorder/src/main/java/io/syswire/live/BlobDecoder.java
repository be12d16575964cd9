package io.syswire.live;

import io.syswire.kernel.CapabilitySet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the bytes the kernel read behind a pointer argument into a value: a path string,
 * a socket address, a capability header or data. A failed read keeps the pointer and says why.
 */
final class BlobDecoder {
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int AF_NETLINK = 16;
    private static final int AF_PACKET = 17;

    private BlobDecoder() {
    }

    static Object decode(int kind, ByteBuffer b, int off, int len, long pointer, String param) {
        if (len < 0) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ptr", pointer);
            m.put("error", errno(-len));
            return m;
        }
        if (pointer == 0) {
            return 0L; // NULL: nothing was read
        }
        return switch (kind) {
            case RecordLayout.ARG_STR -> string(b, off, len);
            case RecordLayout.ARG_SOCKADDR, RecordLayout.ARG_SOCKADDR_LENPTR -> sockaddr(b, off, len);
            case RecordLayout.ARG_BYTES -> len == 8 ? capHeader(b, off) : capData(b, off, len);
            default -> pointer;
        };
    }

    static String string(ByteBuffer b, int off, int len) {
        byte[] bytes = new byte[len];
        b.get(off, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Map<String, Object> sockaddr(ByteBuffer b, int off, int len) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (len < 2) {
            m.put("family", null);
            return m;
        }
        int family = Short.toUnsignedInt(b.getShort(off));
        switch (family) {
            case AF_INET -> {
                m.put("family", "AF_INET");
                if (len >= 8) {
                    m.put("addr", (b.get(off + 4) & 0xff) + "." + (b.get(off + 5) & 0xff) + "." + (b.get(off + 6) & 0xff)
                            + "." + (b.get(off + 7) & 0xff));
                    m.put("port", (long) port(b, off + 2));
                }
            }
            case AF_INET6 -> {
                m.put("family", "AF_INET6");
                if (len >= 24) {
                    byte[] a = new byte[16];
                    b.get(off + 8, a);
                    try {
                        m.put("addr", java.net.InetAddress.getByAddress(a).getHostAddress());
                    } catch (java.net.UnknownHostException e) {
                        m.put("addr", hex(b, off + 8, 16));
                    }
                    m.put("port", (long) port(b, off + 2));
                }
            }
            case AF_UNIX -> {
                m.put("family", "AF_UNIX");
                if (len > 2) {
                    // a path ends at its NUL; an abstract name (leading NUL) runs to the given length
                    boolean anonymous = b.get(off + 2) == 0;
                    int start = anonymous ? off + 3 : off + 2;
                    int end = start;
                    while (end < off + len && (anonymous || b.get(end) != 0)) {
                        end++;
                    }
                    String path = string(b, start, end - start);
                    m.put("path", anonymous ? "@" + path : path);
                }
            }
            case AF_NETLINK -> {
                m.put("family", "AF_NETLINK");
                if (len >= 12) {
                    m.put("pid", Integer.toUnsignedLong(b.getInt(off + 4)));
                    m.put("groups", Integer.toUnsignedLong(b.getInt(off + 8)));
                }
            }
            case AF_PACKET -> {
                m.put("family", "AF_PACKET");
                if (len >= 8) {
                    m.put("protocol", (long) port(b, off + 2));
                    m.put("ifindex", (long) b.getInt(off + 4));
                }
            }
            default -> {
                m.put("family", (long) family);
                m.put("data", hex(b, off + 2, Math.min(len - 2, 64)));
            }
        }
        return m;
    }

    private static int port(ByteBuffer b, int off) {
        return ((b.get(off) & 0xff) << 8) | (b.get(off + 1) & 0xff); // network byte order
    }

    /** struct __user_cap_header_struct { u32 version; int pid; } */
    static Map<String, Object> capHeader(ByteBuffer b, int off) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "0x" + Integer.toHexString(b.getInt(off)));
        m.put("pid", (long) b.getInt(off + 4));
        return m;
    }

    /** Two struct __user_cap_data_struct { u32 effective, permitted, inheritable; }: low and high words. */
    static Map<String, Object> capData(ByteBuffer b, int off, int len) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (len < 24) {
            m.put("data", hex(b, off, len));
            return m;
        }
        String[] names = {"effective", "permitted", "inheritable"};
        for (int i = 0; i < 3; i++) {
            long lo = Integer.toUnsignedLong(b.getInt(off + 4 * i));
            long hi = Integer.toUnsignedLong(b.getInt(off + 12 + 4 * i));
            m.put(names[i], CapabilitySet.hex(lo | hi << 32));
        }
        return m;
    }

    private static String hex(ByteBuffer b, int off, int len) {
        StringBuilder s = new StringBuilder(len * 2);
        for (int i = 0; i < len; i++) {
            int x = b.get(off + i) & 0xff;
            s.append(Character.forDigit(x >> 4, 16)).append(Character.forDigit(x & 15, 16));
        }
        return s.toString();
    }

    static String errno(int e) {
        return switch (e) {
            case 14 -> "EFAULT";
            case 22 -> "EINVAL";
            case 12 -> "ENOMEM";
            case 7 -> "E2BIG";
            default -> "errno " + e;
        };
    }
}
