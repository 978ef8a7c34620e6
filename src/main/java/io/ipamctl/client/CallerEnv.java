package io.ipamctl.client;

import java.util.HashMap;
import java.util.Map;

/**
 * The caller's environment as the shell had it. cli/ipamctl starts every JVM with LC_ALL=C.UTF-8,
 * because a JVM in a non-UTF-8 locale (LANG=C, POSIX) turns non-ASCII arguments, variables and
 * paths into '?' before main runs; it passes the caller's own LC_ALL in IPAMCTL_LC_ALL ("=VALUE",
 * or empty when it was unset), which is put back here.
 */
public final class CallerEnv {

    static final String SAVED_LC_ALL = "IPAMCTL_LC_ALL";

    private CallerEnv() {}

    public static Map<String, String> of(Map<String, String> processEnv) {
        String saved = processEnv.get(SAVED_LC_ALL);
        if (saved == null) {
            return processEnv;
        }
        Map<String, String> env = new HashMap<>(processEnv);
        env.remove(SAVED_LC_ALL);
        if (saved.startsWith("=")) {
            env.put("LC_ALL", saved.substring(1));
        } else {
            env.remove("LC_ALL");
        }
        return env;
    }
}
