package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** -o jsonpath= / jsonpath-file= / custom-columns= / custom-columns-file= and --sort-by on the listing commands. */
class TemplateOutputTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @TempDir
    Path dir;

    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = sandbox.cli();
    }

    @Test
    void jsonpathRangeOverPoolUsage() {
        var r = cli.sandbox(
                "pool",
                "usage",
                "--source",
                "antrea,node",
                "-o",
                "jsonpath={range .items[*]}{.name}{\"\\t\"}{.used}/{.total}{\"\\n\"}{end}");
        assertEquals(ExitCode.OK, r.code());
        assertEquals(
                "pool-ap\t3/40\npool-db\t2/40\npool-v6\t0/254\nnode-01\t4/253\nnode-02\t3/253\n"
                        + "node-02\t1/18446744073709551614\n",
                r.out());
    }

    @Test
    void jsonpathFilterAndFileRelativeToTheCaller() throws IOException {
        var r = cli.sandbox("pool", "list", "-o", "jsonpath={.items[?(@.source==\"node\")].name}");
        assertEquals("node-01 node-02 node-02", r.out(), "node-02 has a podCIDR of each family");
        Files.writeString(dir.resolve("names.tmpl"), "{range .items[*]}{.namespace}/{.pool}{\"\\n\"}{end}");
        var f = cli.cwd(dir).sandbox("ns", "list", "-o", "jsonpath-file=names.tmpl");
        assertEquals(ExitCode.OK, f.code());
        assertEquals("ns-ap/pool-ap\n", f.out());
    }

    @Test
    void customColumnsSortedByAPathAndByAColumn() throws IOException {
        var r = cli.sandbox(
                "pool", "usage", "-o", "custom-columns=POOL:.name,SOURCE:.source,USED:.used", "--sort-by", ".used");
        assertEquals(ExitCode.OK, r.code());
        assertEquals("""
                        POOL                                SOURCE           USED
                        pool-v6                             antrea           0
                        extra-v6                            servicecidr      0
                        slicenet-node-01-192.168.32.0-26    whereabouts      1
                        slicenet-node-02-192.168.32.64-26   whereabouts      1
                        node-02                             node             1
                        pool-db                             antrea           2
                        slicenet                            whereabouts      2
                        pool-ap                             antrea           3
                        192.168.20.0-24                     whereabouts      3
                        node-02                             node             3
                        egress-pool                         externalippool   3
                        node-01                             node             4
                        kubernetes                          servicecidr      7
                        """, r.out());
        Files.writeString(dir.resolve("cols"), "NAME      TOTAL\n{.name}   .total\n");
        var f = cli.cwd(dir)
                .sandbox("pool", "get", "pool-ap", "node-01", "-o", "custom-columns-file=cols", "--sort-by", "TOTAL");
        assertEquals("NAME      TOTAL\npool-ap   40\nnode-01   253\n", f.out());
        var names = cli.sandbox("pool", "list", "--source", "antrea,node", "-o", "name", "--sort-by", "USED");
        assertEquals(
                "antrea/pool-v6\nnode/node-02\nantrea/pool-db\nantrea/pool-ap\nnode/node-01\n",
                names.out(),
                "node-02's IPv6 podCIDR holds 1, its IPv4 one 3: the name comes once, where its first row sorts");
    }

    @Test
    void nsListTakesMinusN() {
        var one = cli.sandbox("ns", "list", "-n", "ns-ap", "--no-headers");
        assertEquals("ns-ap   pool-ap   40   3   37   7.5%\n", one.out());
        var none = cli.sandbox("ns", "list", "-n", "default");
        assertEquals(ExitCode.OK, none.code());
        assertEquals("", none.out()); // as kubectl: no table of headers alone
        assertEquals("Namespace default is bound to no pool.\n", none.errWithoutSandboxLine());
        var json = cli.sandbox("ns", "list", "-n", "default", "-o", "json");
        assertEquals(
                "{\n    \"apiVersion\": \"ipamctl/v1\",\n    \"kind\": \"NamespaceBindingList\",\n    \"items\": [ ]\n}\n",
                json.out());
        var selected = cli.sandbox("ns", "list", "-l", "team=nobody");
        assertEquals(ExitCode.OK, selected.code());
        assertEquals("", selected.out());
        assertEquals("No resources found\n", selected.errWithoutSandboxLine(), "kubectl's words, as pool usage -l");
        var all = cli.sandbox("ns", "list", "-n", "default", "-A", "--no-headers");
        assertEquals("ns-ap   pool-ap   40   3   37   7.5%\n", all.out());
    }

    @Test
    void templateErrorsAreOneLineExitTwoBeforeAnyRequest() {
        var r = cli.run("pool", "usage", "-o", "jsonpath={.items[*]", "--kubeconfig", "/nonexistent");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals("", r.out());
        assertEquals("error: error parsing jsonpath {.items[*], unclosed action\n", r.err());
        var missing =
                cli.run("pool", "usage", "-o", "jsonpath-file=" + dir.resolve("none"), "--kubeconfig", "/nonexistent");
        assertEquals("error: template file " + dir.resolve("none") + " does not exist\n", missing.err());
    }
}
