package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * -l/--selector on the pool commands, against the seed's labels (team=web on pool-ap and egress-pool, team=db
 * on pool-db, team=net on the Whereabouts pool, env=prod on both Antrea pools, kubernetes.io/hostname on the
 * Nodes): each source selects its own objects, kubectl's refusals and "No resources found"; and AGE, sorted.
 */
class PoolSelectorTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    final CliRun cli = sandbox.cli().seedClock();

    private String names(String... args) {
        var r = cli.sandbox(args);
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals("", r.errWithoutSandboxLine());
        return r.out();
    }

    @Test
    void everySourceSelectsItsOwnObjects() {
        assertEquals(
                "antrea/pool-ap\nexternalippool/egress-pool\n", names("pool", "usage", "-l", "team=web", "-o", "name"));
        assertEquals(
                "antrea/pool-db\nwhereabouts/kube-system/192.168.20.0-24\n",
                names("pool", "list", "--selector", "team in (db,net)", "-o", "name"));
        assertEquals("node/node-02\n", names("pool", "usage", "-l", "kubernetes.io/hostname=node-02", "-o", "name"));
        assertEquals(
                "servicecidr/extra-v6\nservicecidr/kubernetes\n",
                names("pool", "list", "-l", "!team", "--source", "servicecidr,externalippool", "-o", "name"));
        assertEquals("antrea/pool-ap\n", names("pool", "usage", "-l", "env=prod,team!=db", "-o", "name"));
    }

    @Test
    void theTableShowsTheSelectedPools() {
        var r = cli.sandbox("pool", "usage", "-l", "team=web");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals("""
                NAME          RANGES                                       GATEWAY           VLAN   TOTAL   USED   FREE    USE%   SOURCE
                pool-ap       172.16.19.11-172.16.19.50                    172.16.19.254       19      40      3     37    7.5%   antrea
                egress-pool   172.16.30.0/28,172.16.30.100-172.16.30.109   <none>          <none>      24      3     21   12.5%   externalippool
                """, r.out());
    }

    @Test
    void noMatchIsKubectlsNoResourcesFoundAndExitZero() {
        for (String command : new String[] {"usage", "list"}) {
            var r = cli.sandbox("pool", command, "-l", "team=nobody");
            assertEquals(ExitCode.OK, r.code(), command);
            assertEquals("", r.out(), command);
            assertEquals("No resources found\n", r.errWithoutSandboxLine(), command);
        }
        var threshold = cli.sandbox("pool", "usage", "-l", "team=nobody", "--threshold", "0");
        assertEquals(ExitCode.OK, threshold.code());
        assertEquals("No resources found\n", threshold.errWithoutSandboxLine());
    }

    @Test
    void namesWithASelectorAreRefusedAsKubectlDoes() {
        for (String command : new String[] {"usage", "list"}) {
            var r = cli.sandbox("pool", command, "pool-ap", "-l", "team=web");
            assertEquals(ExitCode.USAGE, r.code(), command);
            assertEquals("", r.out(), command);
            assertEquals(
                    "error: name cannot be provided when a selector is specified\n",
                    r.errWithoutSandboxLine(),
                    command);
        }
    }

    @Test
    void theThresholdGatesTheSelectedPoolsOnly() {
        var r = cli.sandbox("pool", "usage", "-l", "team=db", "--threshold", "5", "-o", "name");
        assertEquals(ExitCode.THRESHOLD, r.code());
        assertEquals("antrea/pool-db\n", r.out());
        assertEquals("threshold: pool pool-db is 5.0% full (2 of 40), at or above 5%\n", r.errWithoutSandboxLine());
        assertEquals(
                ExitCode.OK,
                cli.sandbox("pool", "usage", "-l", "team=net", "--threshold", "5")
                        .code());
    }

    @Test
    void allocationsOfTheSelectedPools() {
        var r = cli.sandbox("pool", "usage", "-l", "team=db", "--allocations");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals("""
                POOL      IP             PHASE       OWNER         NODE
                pool-db   172.16.20.48   Allocated   ns-db/db-01   node-01
                pool-db   172.16.20.50   Allocated   ns-db/db-02   node-02
                """, r.out());
    }

    @Test
    void checkLooksAtTheSelectedPoolsOnly() {
        var net = cli.sandbox("pool", "check", "-l", "team=net", "-o", "json");
        assertEquals(ExitCode.THRESHOLD, net.code(), net.err());
        var web = cli.sandbox("pool", "check", "-l", "team=web");
        assertEquals(ExitCode.OK, web.code(), web.out() + web.err());
        assertEquals("", web.errWithoutSandboxLine());
        var none = cli.sandbox("pool", "check", "-l", "team=nobody");
        assertEquals(ExitCode.OK, none.code());
        assertEquals("No resources found\n", none.errWithoutSandboxLine());
    }

    @Test
    void ageSortsAsKubectlsCreationTimestampAndAsTheColumn() {
        assertEquals(
                "servicecidr/kubernetes\nnode/node-01\nnode/node-02\nantrea/pool-ap\nwhereabouts/kube-system/192.168.20.0-24\n"
                        + "antrea/pool-db\nwhereabouts/kube-system/slicenet\nwhereabouts/kube-system/slicenet-node-01-192.168.32.0-26\n"
                        + "whereabouts/kube-system/slicenet-node-02-192.168.32.64-26\nexternalippool/egress-pool\nantrea/pool-v6\n"
                        + "servicecidr/extra-v6\n",
                names("pool", "list", "--sort-by", ".metadata.creationTimestamp", "-o", "name"));
        var r = cli.sandbox("pool", "usage", "-l", "team", "-o", "wide", "--sort-by", "AGE", "--no-headers");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals(
                "egress-pool 3d20h\npool-db 14d\nkube-system/192.168.20.0-24 30d\npool-ap 31d\n",
                r.out()
                        .lines()
                        .map(l -> l.split(" +"))
                        .map(c -> c[0] + " " + c[8])
                        .reduce("", (a, b) -> a + b + "\n"));
    }

    @Test
    void jsonCarriesTheCreationTimestamp() {
        var r = cli.sandbox("pool", "usage", "-l", "team=db", "-o", "jsonpath={.items[*].creationTimestamp}");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals("2026-11-20T16:42:00Z", r.out());
    }

    @Test
    void aClockThatIsNoTimeIsRefused() {
        var r = cli.env("IPAMCTL_NOW", "yesterday").sandbox("pool", "list");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals("", r.out());
        assertEquals(
                "error: invalid IPAMCTL_NOW \"yesterday\": expected an RFC 3339 time such as 2026-12-05T08:00:00Z, or leave it"
                        + " unset\n",
                r.errWithoutSandboxLine());
    }
}
