package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** pool usage / list / get / create / delete against the sandbox cluster (seed scenario). */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class PoolCommandsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @TempDir
    Path state;

    /** A runner on this class's sandbox (made per test, after the extension's beforeAll). */
    final CliRun cli = sandbox.cli().seedClock();

    @Test
    void usageTableOfTheSeedScenarioAntreaOnly() {
        var r = cli.sandbox("pool", "usage", "--source", "antrea");
        assertEquals(0, r.code());
        Golden.assertMatches("pool-usage.txt", r.out());
        assertEquals(
                "ipamctl: using the built-in sandbox cluster (pid "
                        + ProcessHandle.current().pid() + "); state in "
                        + sandbox.state().resolve("sandbox/state.json") + "\n",
                r.err());
    }

    @Test
    void usageAsJsonHasTheDocumentedSchema() {
        var r = cli.sandbox("pool", "usage", "-o", "json", "--source", "antrea");
        assertEquals(0, r.code());
        Golden.assertMatches("pool-usage.json", r.out());
    }

    @Test
    void usageWideAndNoHeaders() {
        var r = cli.sandbox("pool", "usage", "pool-db", "-o", "wide", "--no-headers");
        assertEquals(0, r.code());
        assertEquals(
                "pool-db   172.16.20.11-172.16.20.50   172.16.20.254   20   40   2   38   5.0%   14d   /24   antrea\n",
                r.out());
    }

    @Test
    void usageOnATerminalDrawsBarsAndColours() {
        var r = cli.terminal(true).sandbox("pool", "usage", "pool-ap", "--no-headers");
        assertEquals(
                "pool-ap   172.16.19.11-172.16.19.50   172.16.19.254   19   40   3   37   \u001b[32m"
                        + "░░░░░░░░░░ 7.5%\u001b[0m\n",
                r.out());
        var plain = cli.terminal(true).sandbox("pool", "usage", "pool-ap", "--no-headers", "--no-color");
        assertEquals("pool-ap   172.16.19.11-172.16.19.50   172.16.19.254   19   40   3   37   7.5%\n", plain.out());
        var noColorEnv = cli.terminal(true).env("NO_COLOR", "1").sandbox("pool", "usage", "pool-ap", "--no-headers");
        assertEquals(plain.out(), noColorEnv.out());
        var piped = cli.terminal(false).sandbox("pool", "usage", "pool-ap", "--no-headers");
        assertEquals(plain.out(), piped.out());
    }

    @Test
    void thresholdReachedExitsThreeAndNamesThePool() {
        var r = cli.sandbox("pool", "usage", "--threshold", "7", "--source", "antrea");
        assertEquals(io.ipamctl.ExitCode.THRESHOLD, r.code());
        assertEquals("threshold: pool pool-ap is 7.5% full (3 of 40), at or above 7%\n", r.errWithoutSandboxLine());
        var ok = cli.sandbox("pool", "usage", "--threshold", "7.6", "--source", "antrea");
        assertEquals(0, ok.code());
        assertEquals("", ok.errWithoutSandboxLine());
    }

    @Test
    void thresholdOutOfRangeIsAUsageError() {
        var r = cli.run("pool", "usage", "--threshold", "101");
        assertEquals(2, r.code());
        assertEquals(
                "error: invalid argument \"101\" for \"--threshold\": expected a number from 0 to 100"
                        + " (see 'ipamctl pool usage --help')\n",
                r.err());
        var notNumber = cli.run("pool", "usage", "--threshold", "lots");
        assertEquals(2, notNumber.code());
        assertEquals(
                "error: invalid argument \"lots\" for \"--threshold\": expected a number from 0 to 100"
                        + " (see 'ipamctl pool usage --help')\n",
                notNumber.err());
    }

    @Test
    void unknownPoolIsNamed() {
        var r = cli.sandbox("pool", "usage", "pool-ap", "nope");
        assertEquals(1, r.code());
        assertEquals(
                "error: pool \"nope\" not found in antrea, whereabouts, node, externalippool, servicecidr (list them with: ipamctl pool usage)\n",
                r.errWithoutSandboxLine());
        assertEquals(
                "pool-ap   172.16.19.11-172.16.19.50   172.16.19.254   19   40   3   37   7.5%\n",
                cli.sandbox("pool", "usage", "pool-ap", "nope", "--no-headers").out()); // kubectl's partial success
        var antreaOnly = cli.sandbox("pool", "usage", "nope", "--source", "antrea");
        assertEquals(1, antreaOnly.code());
        assertEquals(
                "error: IPPool \"nope\" not found (list pools with: ipamctl pool list)\n",
                antreaOnly.errWithoutSandboxLine());
    }

    @Test
    void allocationsListOwnersAndNodes() {
        var r = cli.sandbox("pool", "usage", "--allocations", "--source", "antrea");
        assertEquals(0, r.code());
        Golden.assertMatches("pool-usage-allocations.txt", r.out());
    }

    @Test
    void unknownOutputFormatIsAUsageError() {
        var r = cli.run("pool", "usage", "-o", "xml");
        assertEquals(2, r.code());
        assertEquals(
                "error: invalid argument \"xml\" for \"-o\": expected table, wide, json, yaml, name, prometheus, jsonpath=TEMPLATE,"
                        + " jsonpath-file=FILE, custom-columns=SPEC or custom-columns-file=FILE"
                        + " (see 'ipamctl pool usage --help')\n",
                r.err());
    }

    @Test
    void listWide() {
        var r = cli.sandbox("pool", "list", "-o", "wide");
        assertEquals(0, r.code());
        Golden.assertMatches("pool-list-wide.txt", r.out());
    }

    @Test
    void getAsYamlShowsAllocations() {
        var r = cli.sandbox("pool", "get", "pool-db", "-o", "yaml");
        assertEquals(0, r.code());
        Golden.assertMatches("pool-get-pool-db.yaml", r.out());
    }

    @Test
    void createFromFlagsThenListed() {
        var r = cli.sandbox("pool", "create", "pool-web", "--cidr", "10.2.0.0/24");
        assertEquals(0, r.code());
        assertEquals("ippool.crd.antrea.io/pool-web created\n", r.out());
        var usage = cli.sandbox("pool", "usage", "pool-web", "--no-headers");
        // untagged shows as no VLAN, as for every source that has none
        assertEquals("pool-web   10.2.0.0/24   10.2.0.1   <none>   253   0   253   0.0%\n", usage.out());
    }

    @Test
    void createRefusesOverlapAndChangesNothing() {
        String before = cli.sandbox("pool", "list", "-o", "json").out();
        var r = cli.sandbox(
                "pool",
                "create",
                "pool-ap2",
                "--range",
                "172.16.19.40-172.16.19.60",
                "--gateway",
                "172.16.19.254",
                "--prefix-length",
                "24",
                "--vlan",
                "19");
        assertEquals(2, r.code());
        assertEquals(
                "error: pool pool-ap2 overlaps with pool pool-ap at 172.16.19.40-172.16.19.50: pools must not share addresses\n",
                r.errWithoutSandboxLine());
        assertEquals(before, cli.sandbox("pool", "list", "-o", "json").out());
    }

    @Test
    void createReportsEveryProblemOnItsOwnLineWithoutContactingTheServer() {
        var r = cli.run(
                "pool",
                "create",
                "Pool_1",
                "--range",
                "172.16.30.60-172.16.30.40",
                "--range",
                "bogus",
                "--gateway",
                "172.16.30.1",
                "--prefix-length",
                "24",
                "--vlan",
                "50");
        assertEquals(2, r.code());
        assertEquals("error: invalid --range \"bogus\": expected START-END, e.g. 172.16.19.11-172.16.19.50\n", r.err());
        var r2 = cli.run(
                "pool",
                "create",
                "Pool_1",
                "--range",
                "172.16.30.60-172.16.30.40",
                "--range",
                "172.16.31.1-172.16.31.9",
                "--gateway",
                "172.16.30.1",
                "--prefix-length",
                "24",
                "--vlan",
                "50");
        assertEquals(2, r2.code());
        assertEquals(
                "error: invalid pool name \"Pool_1\": must be a DNS-1123 subdomain (lower case letters, digits, '-' and '.', "
                        + "starting and ending with a letter or digit, at most 253 characters)\n"
                        + "error: range start 172.16.30.60 should not be greater than range end 172.16.30.40\n"
                        + "error: range [172.16.31.1-172.16.31.9] must be a strict subset of the subnet 172.16.30.0/24\n",
                r2.err());
    }

    @Test
    void createRefusesAGatewayInsideARange() {
        var r = cli.sandbox(
                "pool",
                "create",
                "pool-x",
                "--range",
                "172.16.30.1-172.16.30.50",
                "--gateway",
                "172.16.30.1",
                "--prefix-length",
                "24");
        assertEquals(2, r.code());
        assertEquals(
                "error: gateway 172.16.30.1 lies inside range [172.16.30.1-172.16.30.50]: Antrea would hand it out "
                        + "to a Pod; shrink the range or use a CIDR range\n",
                r.err());
    }

    @Test
    void createFromTheSeedsV1alpha2Manifest() throws Exception {
        Path file = state.resolve("pool-new.yaml");
        Files.writeString(file, """
                apiVersion: "crd.antrea.io/v1alpha2"
                kind: IPPool
                metadata:
                  name: pool-new
                spec:
                  ipVersion: 4
                  ipRanges:
                  - start: "172.16.21.11"
                    end: "172.16.21.50"
                    gateway: "172.16.21.254"
                    prefixLength: 24
                    vlan: 21
                """);
        var dry = cli.sandbox("pool", "create", "-f", file.toString(), "--dry-run=client", "-o", "yaml");
        assertEquals(0, dry.code());
        Golden.assertMatches("pool-create-dry-run.yaml", dry.out());
        var r = cli.sandbox("pool", "create", "-f", file.toString());
        assertEquals(0, r.code());
        assertEquals("ippool.crd.antrea.io/pool-new created\n", r.out());
        // a pool made now is as old as the clock says past its creationTimestamp, as kubectl counts it
        cli.env("IPAMCTL_NOW", createdAt("pool-new").plusSeconds(185 * 60).toString());
        assertEquals(
                "pool-new   172.16.21.11-172.16.21.50   172.16.21.0/24   172.16.21.254   21   40   0   3h5m   crd.antrea.io/v1beta1   antrea\n",
                cli.sandbox("pool", "get", "pool-new", "-o", "wide", "--no-headers")
                        .out());
    }

    @Test
    void createReadsTheManifestFromTheCallersStdinAndDirectory() throws Exception {
        String manifest = """
                apiVersion: crd.antrea.io/v1beta1
                kind: IPPool
                metadata:
                  name: %s
                spec:
                  ipRanges:
                  - start: "%s.11"
                    end: "%s.20"
                  subnetInfo:
                    gateway: "%s.254"
                    prefixLength: 24
                """;
        var fromStdin = cli.stdin(manifest.formatted("pool-stdin", "172.16.31", "172.16.31", "172.16.31"))
                .sandbox("pool", "create", "-f", "-");
        assertEquals("ippool.crd.antrea.io/pool-stdin created\n", fromStdin.out(), fromStdin.err());
        Path dir = Files.createDirectories(state.resolve("caller"));
        Files.writeString(
                dir.resolve("pool.yaml"), manifest.formatted("pool-rel", "172.16.32", "172.16.32", "172.16.32"));
        var relative = cli.cwd(dir).sandbox("pool", "create", "-f", "pool.yaml");
        assertEquals("ippool.crd.antrea.io/pool-rel created\n", relative.out(), relative.err());
    }

    @Test
    void createRefusesBrokenManifests() throws Exception {
        Path broken = state.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: crd.antrea.io/v1beta1\nkind: IPPool\nspec: [\n");
        var r = cli.run("pool", "create", "-f", broken.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + broken + " is not valid YAML or JSON: "), r.err());
        assertEquals(1, r.err().lines().count());
        Path wrongKind = state.resolve("ns.yaml");
        Files.writeString(wrongKind, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n");
        assertEquals(
                "error: " + wrongKind + " holds kind \"Namespace\"; expected kind IPPool\n",
                cli.run("pool", "create", "-f", wrongKind.toString()).err());
        Path binary = state.resolve("bin.yaml");
        Files.write(binary, new byte[] {1, 0, 2});
        assertEquals(
                "error: " + binary + " is a binary file, not a YAML or JSON manifest\n",
                cli.run("pool", "create", "-f", binary.toString()).err());
        assertEquals(
                "error: file /nonexistent.yaml does not exist\n",
                cli.run("pool", "create", "-f", "/nonexistent.yaml").err());
    }

    @Test
    void deleteRefusesAPoolInUseAndNamesOwners() {
        var r = cli.sandbox("pool", "delete", "pool-db");
        assertEquals(1, r.code());
        assertEquals(
                "error: IPPool \"pool-db\" still has 2 allocated address(es): 172.16.20.48 (ns-db/db-01), "
                        + "172.16.20.50 (ns-db/db-02) and is still named in ipam.antrea.io/ippools by pods ns-db/db-01, ns-db/db-02 "
                        + "(they would get no address when re-created); point them at another pool first (a namespace: ipamctl ns "
                        + "bind NAMESPACE IPPOOL --overwrite), or pass --force\n",
                r.errWithoutSandboxLine());
        cli.sandbox("pool", "create", "pool-empty", "--cidr", "10.9.0.0/24");
        var d = cli.sandbox("pool", "delete", "pool-empty");
        assertEquals(0, d.code());
        assertEquals("ippool.crd.antrea.io/pool-empty deleted\n", d.out());
        assertEquals(1, cli.sandbox("pool", "get", "pool-empty").code());
    }

    @Test
    void aPoolThatCanHandOutNoAddressIsCreatedWithAWarningAndCountsAsFull() {
        var r = cli.sandbox("pool", "create", "pool-none", "--cidr", "10.40.0.0/31");
        assertEquals(0, r.code(), r.err());
        assertEquals("ippool.crd.antrea.io/pool-none created\n", r.out());
        String why =
                "pool pool-none can hand out no address: range 10.40.0.0/31 gives no address to new Pods: Antrea never "
                        + "hands out its network address 10.40.0.0 and counts the gateway 10.40.0.1 and the broadcast address 10.40.0.1 "
                        + "off the 1 address left (Antrea reports its total as -1, antrea#7149)";
        assertEquals("warning: " + why + "\n", r.errWithoutSandboxLine());
        var usage = cli.sandbox("pool", "usage", "pool-none", "--no-headers");
        assertEquals("pool-none   10.40.0.0/31   10.40.0.1   <none>   0   0   0   100.0%\n", usage.out());
        assertEquals("warning: " + why + "\n", usage.errWithoutSandboxLine());
        var gate = cli.sandbox("pool", "usage", "pool-none", "--threshold", "100", "-o", "json");
        assertEquals(io.ipamctl.ExitCode.THRESHOLD, gate.code());
        assertTrue(gate.out().contains("\"usedPercent\": 100.0,\n            \"overThreshold\": true,"), gate.out());
        assertEquals(
                "warning: " + why
                        + "\nthreshold: pool pool-none has no usable address (0 of 0), which counts as full\n",
                gate.errWithoutSandboxLine());
        var dry = cli.sandbox("pool", "create", "pool-none2", "--cidr", "10.40.1.0/31", "--dry-run=client");
        assertEquals("ippool.crd.antrea.io/pool-none2 created (dry run)\n", dry.out());
        assertTrue(
                dry.errWithoutSandboxLine().startsWith("warning: pool pool-none2 can hand out no address: "),
                dry.err());
    }

    @Test
    void listShowsTheSubnetAsANetworkAndTheGatewayApart() {
        cli.sandbox(
                "pool",
                "create",
                "pool-web",
                "--range",
                "10.2.0.10-10.2.0.20",
                "--gateway",
                "10.2.0.254",
                "--prefix-length",
                "23");
        cli.env("IPAMCTL_NOW", createdAt("pool-web").plusSeconds(45).toString());
        var r = cli.sandbox("pool", "get", "pool-web");
        assertEquals("""
                NAME       RANGES                SUBNET        GATEWAY        VLAN   TOTAL   USED   AGE
                pool-web   10.2.0.10-10.2.0.20   10.2.0.0/23   10.2.0.254   <none>      11      0   45s
                """, r.out());
    }

    /** The creationTimestamp the sandbox gave a pool made in the test. */
    private static java.time.Instant createdAt(String pool) {
        return java.time.Instant.parse(sandbox.client()
                .genericKubernetesResources("crd.antrea.io/v1beta1", "IPPool")
                .withName(pool)
                .get()
                .getMetadata()
                .getCreationTimestamp());
    }
}
