package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.ExitCode;
import io.ipamctl.commands.shell.ShellCommandAccess;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** -n filters where it means something (allocations, ns list), is refused where it would be ignored; -A. */
class NamespaceFlagTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = sandbox.cli();
    }

    @Test
    void allocationsOfOneNamespacesOwners() {
        var r = cli.sandbox("pool", "usage", "--allocations", "-n", "ns-ap", "--no-headers");
        assertEquals(ExitCode.OK, r.code());
        assertEquals(
                "pool-ap       172.16.19.11     Allocated   ns-ap/web-6d4cf56db6-4lq2x   node-01   antrea\n"
                        + "pool-ap       172.16.19.12     Allocated   ns-ap/web-6d4cf56db6-8m2vn   node-02   antrea\n"
                        + "pool-ap       172.16.19.13     Allocated   ns-ap/web-6d4cf56db6-tq7zp   node-01   antrea\n"
                        + "egress-pool   172.16.30.3      Allocated   service/ns-ap/web-lb         <none>    externalippool\n"
                        + "kubernetes    10.96.100.10     Allocated   service/ns-ap/web-lb         <none>    servicecidr\n"
                        + "kubernetes    10.96.100.20     Allocated   service/ns-ap/web-dual       <none>    servicecidr\n"
                        + "kubernetes    fd00:10:96::20   Allocated   service/ns-ap/web-dual       <none>    servicecidr\n",
                r.out());
        var all = cli.sandbox("pool", "usage", "--allocations", "-n", "ns-ap", "-A", "-o", "name");
        assertEquals(cli.sandbox("pool", "usage", "--allocations", "-o", "name").out(), all.out());
    }

    @Test
    void refusedWhereItWouldBeIgnored() {
        String pools = "IP pools are cluster-wide (name a Whereabouts pool as NAMESPACE/NAME)";
        assertRefused("error: -n/--namespace does not apply to pool list: " + pools, "pool", "list", "-n", "ns-db");
        assertRefused(
                "error: -n/--namespace does not apply to pool get: " + pools, "-n", "ns-db", "pool", "get", "pool-db");
        assertRefused(
                "error: -n/--namespace does not apply to pool usage: "
                        + pools.replace(
                                ")", "; with --allocations, -n " + "lists the addresses of one namespace's owners)"),
                "pool",
                "usage",
                "--namespace=ns-db");
        assertRefused(
                "error: -n/--namespace does not apply to trace list: Traceflows are cluster-scoped",
                "trace",
                "list",
                "-n",
                "x");
        assertRefused(
                "error: -n/--namespace does not apply to ns bind: the namespace is its first argument",
                "ns",
                "bind",
                "ns-db",
                "pool-db",
                "-n",
                "ns-db");
        assertRefused(
                "error: -n/--namespace does not apply to pool delete: Antrea IPPools are cluster-scoped",
                "pool",
                "delete",
                "pool-ap",
                "-n",
                "default");
    }

    private void assertRefused(String error, String... args) {
        var r = cli.sandbox(args);
        assertEquals(ExitCode.USAGE, r.code(), String.join(" ", args));
        assertEquals("", r.out());
        assertEquals(error + "\n", r.errWithoutSandboxLine());
    }

    @Test
    void nsListSelectorGoesToTheServer() {
        cli.sandbox("ns", "bind", "ns-db", "pool-db");
        sandbox.client().namespaces().withName("ns-db").edit(n -> {
            n.getMetadata().setLabels(java.util.Map.of("team", "db"));
            return n;
        });
        var db = cli.sandbox("ns", "list", "-l", "team=db", "-o", "name");
        assertEquals(ExitCode.OK, db.code());
        assertEquals("namespace/ns-db\n", db.out());
        var none = cli.sandbox("ns", "list", "--selector", "team=web", "-o", "name");
        assertEquals(ExitCode.OK, none.code());
        assertEquals("", none.out());
        var bad = cli.sandbox("ns", "list", "-l", "team==db=x");
        assertEquals(ExitCode.USAGE, bad.code());
        assertEquals("", bad.out());
        assertEquals(
                "error: invalid label selector \"team==db=x\": cannot parse \"team==db=x\"; expected key=value, key!=value,"
                        + " key, !key, key in (a,b) or key notin (a,b), comma-separated\n",
                bad.errWithoutSandboxLine());
    }

    @Test
    void theShellsMinusNIsTheDefaultNamespaceOfItsLines() {
        assertEquals(
                List.of(
                        "--sandbox",
                        "--shell-namespace",
                        "ns-db",
                        "--shell-namespace=a",
                        "--shell-namespace=b",
                        "--shell-namespace=c",
                        "--no-color"),
                ShellCommandAccess.asDefaultNamespace(
                        List.of("--sandbox", "-n", "ns-db", "--namespace=a", "-nb", "-n=c", "--no-color")));
        var r = cli.sandbox("--shell-namespace", "ns-db", "pool", "list", "--source", "antrea", "-o", "name");
        assertEquals(ExitCode.OK, r.code());
        assertEquals("antrea/pool-ap\nantrea/pool-db\nantrea/pool-v6\n", r.out());
    }
}
