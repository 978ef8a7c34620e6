package io.ipamctl.client;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the per-user server listens: {@code $XDG_RUNTIME_DIR/ipamctl/s} (a per-user tmpfs the
 * system creates with mode 0700), else {@code ~/.cache/ipamctl/server/s}; the server makes the
 * directory 0700. A Unix socket path must fit in 107 bytes, so the name is short. cli/ipamctl
 * spells the same rule in shell (keep them together).
 */
public final class SocketPaths {

    /** The longest socket path the kernel accepts (sun_path is 108 bytes with the final NUL). */
    public static final int MAX_BYTES = 107;

    private SocketPaths() {}

    public static Path directory(Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty() && runtime.startsWith("/")) {
            return Path.of(runtime, "ipamctl");
        }
        String home = env.get("HOME");
        if (home == null || home.isEmpty()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home, ".cache", "ipamctl", "server");
    }

    public static Path socket(Map<String, String> env) {
        return directory(env).resolve("s");
    }

    /** Whether the path fits a Unix socket address. */
    public static boolean fits(Path socket) {
        return socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
