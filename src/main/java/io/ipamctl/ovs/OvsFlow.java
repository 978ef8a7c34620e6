package io.ipamctl.ovs;

import java.util.List;

/**
 * One line of `ovs-ofctl dump-flows`: table (a name with --names, else a number), priority
 * (32768 when OVS omits it), the match fields and the actions, and the counters when present.
 */
public record OvsFlow(
        String table,
        int priority,
        String match,
        String actions,
        Long packets,
        Long bytes,
        String cookie,
        List<String> extras) {

    public static final int DEFAULT_PRIORITY = 32768;
}
