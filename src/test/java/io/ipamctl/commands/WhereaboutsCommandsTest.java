package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** pool usage / check / release across Antrea, Whereabouts (seed 001) and Node IPAM (seed 002) on the sandbox. */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class WhereaboutsCommandsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @TempDir
    Path state;

    /** A runner on this class's sandbox (made per test, after the extension's beforeAll). */
    final CliRun cli = sandbox.cli().seedClock();

    @Test
    void usageOfEverySourceShowsTheSourceColumn() {
        var r = cli.sandbox("pool", "usage");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("pool-usage-all.txt", r.out());
        assertEquals("", r.errWithoutSandboxLine());
    }

    @Test
    void usageWideNamesTheNetworksOfAWhereaboutsRange() {
        var r = cli.sandbox("pool", "usage", "-o", "wide");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("pool-usage-all-wide.txt", r.out());
    }

    @Test
    void usageJsonOfEverySource() {
        var r = cli.sandbox("pool", "usage", "-o", "json");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("pool-usage-all.json", r.out());
    }

    @Test
    void oneSourceAloneHasNoSourceColumn() {
        var r = cli.sandbox("pool", "usage", "--source", "whereabouts", "--no-headers");
        assertEquals(0, r.code(), r.err());
        assertEquals(
                "kube-system/192.168.20.0-24   192.168.20.10-192.168.20.100   192.168.20.1   <none>   91   3   88   3.2%\n",
                r.out());
        var nodes = cli.sandbox("pool", "usage", "--source", "node", "-o", "name");
        assertEquals("node/node-01\nnode/node-02\n", nodes.out());
    }

    @Test
    void poolsAreNamedByNameOrNamespaceAndName() {
        var byName = cli.sandbox("pool", "usage", "192.168.20.0-24", "node-02", "-o", "name");
        assertEquals(0, byName.code(), byName.err());
        assertEquals("whereabouts/kube-system/192.168.20.0-24\nnode/node-02\n", byName.out());
        var qualified = cli.sandbox("pool", "usage", "kube-system/192.168.20.0-24", "-o", "name");
        assertEquals("whereabouts/kube-system/192.168.20.0-24\n", qualified.out());
    }

    @Test
    void thresholdCoversEverySource() {
        var r = cli.sandbox("pool", "usage", "--threshold", "1.5");
        assertEquals(ExitCode.THRESHOLD, r.code());
        assertEquals(
                "threshold: pool pool-ap is 7.5% full (3 of 40), at or above 1.5%\n"
                        + "threshold: pool pool-db is 5.0% full (2 of 40), at or above 1.5%\n"
                        + "threshold: whereabouts pool kube-system/192.168.20.0-24 is 3.2% full (3 of 91), at or above 1.5%\n"
                        + "threshold: node node-01 podCIDR 10.211.1.0/24 is 1.5% full (4 of 253), at or above 1.5%\n"
                        + "threshold: ExternalIPPool egress-pool is 12.5% full (3 of 24), at or above 1.5%\n",
                r.errWithoutSandboxLine());
    }

    @Test
    void allocationsOfAWhereaboutsRangeAndANode() {
        var r = cli.sandbox("pool", "usage", "192.168.20.0-24", "node-01", "--allocations");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("pool-usage-allocations-mixed.txt", r.out());
    }

    @Test
    void checkFindsTheLeakedWhereaboutsAllocationOfTheSeed() {
        var r = cli.sandbox("pool", "check");
        assertEquals(ExitCode.THRESHOLD, r.code());
        Golden.assertMatches("pool-check.txt", r.out());
        var json = cli.sandbox("pool", "check", "-o", "json");
        assertEquals(ExitCode.THRESHOLD, json.code());
        Golden.assertMatches("pool-check.json", json.out());
        var antrea = cli.sandbox("pool", "check", "--source", "antrea");
        assertEquals(0, antrea.code());
        assertEquals("no problems found in antrea\n", antrea.out());
    }

    @Test
    void releaseWithoutYesOnlySaysWhatItWouldFree() {
        cli.sandbox("pool", "list");
        String before = ServerState.of(sandbox.state());
        var r = cli.sandbox("pool", "release", "192.168.20.13", "--pool", "192.168.20.0-24");
        assertEquals(0, r.code(), r.err());
        assertEquals(
                "would release 192.168.20.13 from whereabouts pool kube-system/192.168.20.0-24: owner default/pod-gone "
                        + "(pod not found); run again with --yes to release it\n",
                r.out());
        assertEquals(before, ServerState.of(sandbox.state()));
    }

    @Test
    void releaseFreesTheLeakThenCheckIsClean() {
        var r = cli.sandbox("pool", "release", "192.168.20.13", "--pool", "kube-system/192.168.20.0-24", "--yes");
        assertEquals(0, r.code(), r.err());
        assertEquals(
                "released 192.168.20.13 from whereabouts pool kube-system/192.168.20.0-24 (owner default/pod-gone "
                        + "(pod not found))\n",
                r.out());
        var check = cli.sandbox("pool", "check");
        assertEquals(0, check.code());
        assertEquals("no problems found in antrea, whereabouts, node, externalippool, servicecidr\n", check.out());
        var again = cli.sandbox("pool", "release", "192.168.20.13", "--pool", "192.168.20.0-24", "--yes");
        assertEquals(1, again.code());
        assertEquals(
                "error: 192.168.20.13 is not allocated in whereabouts pool kube-system/192.168.20.0-24; nothing to release\n",
                again.errWithoutSandboxLine());
    }

    @Test
    void releaseIsRefusedWhileTheOwnerExists() {
        cli.sandbox("pool", "list");
        String before = ServerState.of(sandbox.state());
        var wb = cli.sandbox("pool", "release", "192.168.20.11", "--pool", "192.168.20.0-24", "--yes");
        assertEquals(1, wb.code());
        assertEquals(
                "error: refusing to release 192.168.20.11 from whereabouts pool kube-system/192.168.20.0-24: its owner pod "
                        + "default/pod0 exists (only addresses of pods that are gone can be released)\n",
                wb.errWithoutSandboxLine());
        var antrea = cli.sandbox("pool", "release", "172.16.20.48", "--pool", "pool-db", "--yes");
        assertEquals(1, antrea.code());
        assertEquals(
                "error: refusing to release 172.16.20.48 from pool pool-db: its owner pod ns-db/db-01 exists "
                        + "(only addresses of pods that are gone can be released)\n",
                antrea.errWithoutSandboxLine());
        assertEquals(before, ServerState.of(sandbox.state()));
    }
}
