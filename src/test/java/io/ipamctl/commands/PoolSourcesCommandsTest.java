package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.ExitCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The pool commands agree across sources (issue 16, "Consistency across the pool commands"), and the
 * checks built on every source (issue 15, items 10 and 13), on the sandbox (seed: Antrea pools,
 * Whereabouts seed 001, Node IPAM seed 002).
 */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class PoolSourcesCommandsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    /** A runner on this class's sandbox (made per test, after the extension's beforeAll). */
    final CliRun cli = sandbox.cli().seedClock();

    @Test
    void getTakesEverySourcesNames() {
        var r = cli.sandbox("pool", "get", "node-01", "kube-system/192.168.20.0-24", "antrea/pool-ap", "--no-headers");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                pool-ap                       172.16.19.11-172.16.19.50      172.16.19.0/24    172.16.19.254       19    40   3   31d   antrea
                kube-system/192.168.20.0-24   192.168.20.10-192.168.20.100   192.168.20.0/24   192.168.20.1    <none>    91   3   30d   whereabouts
                node-01                       10.211.1.0/24                  10.211.1.0/24     10.211.1.1      <none>   253   4   32d   node
                """, r.out());
        var byPlainName = cli.sandbox("pool", "get", "192.168.20.0-24", "-o", "name");
        assertEquals("whereabouts/kube-system/192.168.20.0-24\n", byPlainName.out());
    }

    @Test
    void namesPrintedByMinusONameAreTakenBackByEveryPoolArgument() {
        List<String> names =
                cli.sandbox("pool", "usage", "-o", "name").out().lines().toList();
        assertEquals(
                List.of(
                        "antrea/pool-ap",
                        "antrea/pool-db",
                        "whereabouts/kube-system/192.168.20.0-24",
                        "node/node-01",
                        "node/node-02",
                        "externalippool/egress-pool",
                        "servicecidr/extra-v6",
                        "servicecidr/kubernetes"),
                names);
        assertEquals(
                names, cli.sandbox("pool", "list", "-o", "name").out().lines().toList());
        List<String> args = new ArrayList<>(List.of("pool", "usage"));
        args.addAll(names);
        var all = cli.sandbox(args.toArray(String[]::new));
        assertEquals(cli.sandbox("pool", "usage").out(), all.out());
        args.set(1, "get");
        args.addAll(List.of("-o", "name"));
        assertEquals(
                names, cli.sandbox(args.toArray(String[]::new)).out().lines().toList());
        var release =
                cli.sandbox("pool", "release", "192.168.20.13", "--pool", "whereabouts/kube-system/192.168.20.0-24");
        assertEquals(
                "would release 192.168.20.13 from whereabouts pool kube-system/192.168.20.0-24: owner default/pod-gone "
                        + "(pod not found); run again with --yes to release it\n",
                release.out());
    }

    @Test
    void sourceTakesSeveralSources() {
        var two = cli.sandbox("pool", "list", "--source", "antrea,whereabouts", "-o", "name");
        assertEquals("antrea/pool-ap\nantrea/pool-db\nwhereabouts/kube-system/192.168.20.0-24\n", two.out());
        var repeated = cli.sandbox("pool", "usage", "--source", "node", "--source", "whereabouts", "-o", "name");
        assertEquals("whereabouts/kube-system/192.168.20.0-24\nnode/node-01\nnode/node-02\n", repeated.out());
        var check = cli.sandbox("pool", "check", "--source", "antrea,node");
        assertEquals("no problems found in antrea, node\n", check.out());
        assertEquals(0, check.code());
    }

    @Test
    void aNamespaceBoundToAPoolThatIsGoneIsADanglingReference() {
        assertEquals(
                0,
                cli.sandbox("pool", "create", "pool-tmp", "--cidr", "10.9.0.0/24")
                        .code());
        assertEquals(0, cli.sandbox("ns", "bind", "default", "pool-tmp").code());
        var deleted = cli.sandbox("pool", "delete", "pool-tmp", "--force");
        assertEquals(0, deleted.code(), deleted.err());
        var r = cli.sandbox("pool", "check", "--source", "antrea");
        assertEquals(ExitCode.THRESHOLD, r.code());
        assertEquals("""
                KIND                 SOURCE   POOL       IP       OWNER     DETAIL
                dangling-reference   antrea   pool-tmp   <none>   default   namespace default is bound to it (ipam.antrea.io/ippools) but no IPPool has that name: new Pods of default cannot get addresses

                1 problem found (dangling-reference: 1) in antrea
                """, r.out());
    }

    @Test
    void aPoolInsideAPodCidrIsRefusedAndNothingIsCreated() {
        String before = cli.sandbox("pool", "list", "-o", "json").out();
        var r = cli.sandbox("pool", "create", "ovl-node", "--cidr", "10.211.1.0/24");
        assertEquals(2, r.code());
        assertEquals(
                "error: pool ovl-node overlaps with node node-01 podCIDR 10.211.1.0/24 at 10.211.1.0-10.211.1.255: pools must "
                        + "not share addresses\n",
                r.errWithoutSandboxLine());
        var dry = cli.sandbox("pool", "create", "ovl-node", "--cidr", "10.211.1.0/24", "--dry-run=client");
        assertEquals(2, dry.code(), "a dry run gives the real run's verdict");
        assertEquals(before, cli.sandbox("pool", "list", "-o", "json").out());
    }
}
