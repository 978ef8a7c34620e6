package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.NativeThreads;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real test cluster (TLS, HTTP/2, the exec websocket): when a command returns, no thread it
 * started is still in native code, so its process ends right after its output (see
 * NoLingeringThreadsTest for why that matters).
 */
class NoLingeringThreadsIT {

    @TempDir
    Path state;

    @Test
    void poolUsageLeavesNoThreadInNativeCode() {
        Set<Thread> before = NativeThreads.now();
        var r = RealCluster.ipamctl(state, "pool", "usage", "--source", "antrea");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("NAME "), r.out());
        assertEquals(List.of(), NativeThreads.startedSince(before, t -> false));
    }

    @Test
    void ovsShowThroughTheExecWebsocketLeavesNoThreadInNativeCode() {
        Set<Thread> before = NativeThreads.now();
        var r = RealCluster.ipamctl(state, "ovs", "show", "--node", "node-01");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("NODE "), r.out());
        assertEquals(List.of(), NativeThreads.startedSince(before, t -> false));
    }
}
