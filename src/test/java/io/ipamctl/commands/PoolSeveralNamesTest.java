package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.ExitCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several POOL names, as kubectl get/delete take them: the found pools are shown (or deleted), then one
 * error line per missing name or refusal; exit 1 when a name was missing, 4 when a delete partly failed,
 * 2 with nothing deleted when a name cannot name an Antrea IPPool.
 */
class PoolSeveralNamesTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    private static final String NOT_FOUND = " not found in antrea, whereabouts, node, externalippool, servicecidr"
            + " (list them with: ipamctl pool usage)\n";

    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = sandbox.cli();
    }

    @Test
    void usagePrintsTheFoundPoolsThenOneErrorPerMissingName() {
        var r = cli.sandbox("pool", "usage", "pool-ap", "nope", "node-01", "gone");
        assertEquals(ExitCode.ERROR, r.code());
        assertEquals(
                "NAME      RANGES                      GATEWAY           VLAN   TOTAL   USED   FREE   USE%   SOURCE\n"
                        + "pool-ap   172.16.19.11-172.16.19.50   172.16.19.254       19      40      3     37   7.5%   antrea\n"
                        + "node-01   10.211.1.0/24               10.211.1.1      <none>     253      4    249   1.5%   node\n",
                r.out());
        assertEquals(
                "error: pool \"nope\"" + NOT_FOUND + "error: pool \"gone\"" + NOT_FOUND, r.errWithoutSandboxLine());
    }

    @Test
    void onlyMissingNamesPrintNoTable() {
        var r = cli.sandbox("pool", "get", "nope", "gone", "nope");
        assertEquals(ExitCode.ERROR, r.code());
        assertEquals("", r.out());
        assertEquals(
                "error: pool \"nope\"" + NOT_FOUND + "error: pool \"gone\"" + NOT_FOUND, r.errWithoutSandboxLine());
    }

    @Test
    void getAndListTakeSeveralNames() {
        var get = cli.sandbox("pool", "get", "pool-db", "nope", "-o", "name");
        assertEquals(ExitCode.ERROR, get.code());
        assertEquals("antrea/pool-db\n", get.out());
        assertEquals("error: pool \"nope\"" + NOT_FOUND, get.errWithoutSandboxLine());
        var list = cli.sandbox("pool", "list", "antrea/pool-ap", "node/node-02", "-o", "name");
        assertEquals(ExitCode.OK, list.code());
        assertEquals("antrea/pool-ap\nnode/node-02\n", list.out());
        assertEquals("", list.errWithoutSandboxLine());
    }

    @Test
    void aMissingNameFailsTheThresholdGateToo() {
        var r = cli.sandbox("pool", "usage", "pool-ap", "nope", "--threshold", "5", "-o", "name");
        assertEquals(ExitCode.ERROR, r.code());
        assertEquals("antrea/pool-ap\n", r.out());
        assertEquals(
                "threshold: pool pool-ap is 7.5% full (3 of 40), at or above 5%\nerror: pool \"nope\"" + NOT_FOUND,
                r.errWithoutSandboxLine());
    }

    @Test
    void deleteSeveralDeletesWhatItMayAndNamesEachFailure() {
        cli.sandbox("pool", "create", "pool-a", "--cidr", "10.9.0.0/24");
        cli.sandbox("pool", "create", "pool-b", "--cidr", "10.9.1.0/24");
        var r = cli.sandbox("pool", "delete", "pool-a", "nope", "pool-db", "pool-b");
        assertEquals(ExitCode.PARTIAL, r.code());
        assertEquals("ippool.crd.antrea.io/pool-a deleted\nippool.crd.antrea.io/pool-b deleted\n", r.out());
        assertEquals(
                "error: IPPool \"nope\" not found (list pools with: ipamctl pool list)\n"
                        + "error: IPPool \"pool-db\" still has 2 allocated address(es): 172.16.20.48 (ns-db/db-01), "
                        + "172.16.20.50 (ns-db/db-02) and is still named in ipam.antrea.io/ippools by pods ns-db/db-01, ns-db/db-02 "
                        + "(they would get no address when re-created); point them at another pool first (a namespace: ipamctl ns "
                        + "bind NAMESPACE IPPOOL --overwrite), or pass --force\n",
                r.errWithoutSandboxLine());
        assertEquals(
                "antrea/pool-ap\nantrea/pool-db\nantrea/pool-v6\n",
                cli.sandbox("pool", "list", "--source", "antrea", "-o", "name").out());
    }

    @Test
    void deleteOfOnlyFailuresExitsOne() {
        var r = cli.sandbox("pool", "delete", "nope", "gone");
        assertEquals(ExitCode.ERROR, r.code());
        assertEquals("", r.out());
        assertEquals(
                "error: IPPool \"nope\" not found (list pools with: ipamctl pool list)\n"
                        + "error: IPPool \"gone\" not found (list pools with: ipamctl pool list)\n",
                r.errWithoutSandboxLine());
    }

    @Test
    void deleteWithAnotherSourcesPoolAmongTheNamesDeletesNothing() {
        cli.sandbox("pool", "create", "pool-a", "--cidr", "10.9.0.0/24");
        var r = cli.sandbox("pool", "delete", "a/b/c", "pool-a", "../x");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals("", r.out());
        String form = ": expected NAME, NAMESPACE/NAME or SOURCE/NAME as -o name prints it (e.g. pool-ap, "
                + "kube-system/192.168.20.0-24, antrea/pool-ap)\n";
        assertEquals(
                "error: invalid pool name \"a/b/c\"" + form + "error: invalid pool name \"../x\"" + form,
                r.errWithoutSandboxLine());
        var other = cli.sandbox("pool", "delete", "pool-a", "node-01");
        assertEquals(ExitCode.USAGE, other.code());
        assertEquals("", other.out());
        assertEquals(
                "error: \"node-01\" is node node-01 podCIDR 10.211.1.0/24, not an Antrea IPPool: pool delete works on Antrea IPPools only\n",
                other.errWithoutSandboxLine());
        assertEquals(
                "antrea/pool-a\n",
                cli.sandbox("pool", "get", "pool-a", "-o", "name").out());
    }
}
