package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** ns bind / unbind / list and pod pin-ip on the sandbox's seed scenario (seed 000). */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class NamespaceAndPodCommandsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @TempDir
    Path state;

    /** A runner on this class's sandbox (made per test, after the extension's beforeAll). */
    final CliRun cli = sandbox.cli();

    @Test
    void bindListOverwriteUnbind() {
        var bind = cli.sandbox("ns", "bind", "ns-db", "pool-db");
        assertEquals(0, bind.code());
        assertEquals("namespace/ns-db bound to pool-db\n", bind.out());
        assertEquals(
                "note: 2 pod(s) of ns-db name their pools in their own ipam.antrea.io/ippools annotation, which the "
                        + "binding does not change\n",
                bind.errWithoutSandboxLine());
        assertEquals(
                "namespace/ns-db already bound to pool-db (unchanged)\n",
                cli.sandbox("ns", "bind", "ns-db", "pool-db").out());
        var clash = cli.sandbox("ns", "bind", "ns-db", "pool-ap");
        assertEquals(1, clash.code());
        assertEquals(
                "error: namespace ns-db is already bound to pool-db; pass --overwrite to bind it to pool-ap instead\n",
                clash.errWithoutSandboxLine());
        var list = cli.sandbox("ns", "list");
        assertEquals("""
                NAMESPACE   POOL      TOTAL   USED   FREE   USE%
                ns-ap       pool-ap      40      3     37   7.5%
                ns-db       pool-db      40      2     38   5.0%
                """, list.out());
        assertEquals(
                "namespace/ns-db bound to pool-ap (was pool-db)\n",
                cli.sandbox("ns", "bind", "ns-db", "pool-ap", "--overwrite").out());
        assertEquals(
                "namespace/ns-db unbound (was pool-ap)\n",
                cli.sandbox("ns", "unbind", "ns-db").out());
        assertEquals(
                "namespace/ns-db has no pool binding (unchanged)\n",
                cli.sandbox("ns", "unbind", "ns-db").out());
    }

    @Test
    void bindChecksPoolsAndFamiliesBeforeWriting() {
        var missing = cli.sandbox("ns", "bind", "ns-db", "pool-zz");
        assertEquals(1, missing.code());
        assertEquals(
                "error: IPPool \"pool-zz\" not found (list pools with: ipamctl pool list)\n",
                missing.errWithoutSandboxLine());
        var twoV4 = cli.sandbox("ns", "bind", "ns-db", "pool-ap", "pool-db");
        assertEquals(2, twoV4.code());
        assertEquals(
                "error: pools pool-ap and pool-db are both IPv4: a namespace takes at most one pool per family "
                        + "(one IPv4 and one IPv6 for dual stack)\n",
                twoV4.errWithoutSandboxLine());
        var badNs = cli.run("ns", "bind", "NS_DB", "pool-db");
        assertEquals(2, badNs.code());
        assertEquals(
                "error: invalid namespace name \"NS_DB\": must be a DNS-1123 label (lower case letters, digits and '-', "
                        + "at most 63 characters)\n",
                badNs.err());
        var noNs = cli.sandbox("ns", "bind", "ns-none", "pool-db");
        assertEquals(1, noNs.code());
        assertEquals("error: namespace \"ns-none\" not found\n", noNs.errWithoutSandboxLine());
        assertEquals("""
                NAMESPACE   POOL      TOTAL   USED   FREE   USE%
                ns-ap       pool-ap      40      3     37   7.5%
                """, cli.sandbox("ns", "list").out());
    }

    @Test
    void pinIpRecreatesAStandalonePodWithTheAddress() {
        var plan = cli.sandbox("pod", "pin-ip", "db-02", "172.16.20.33", "-n", "ns-db");
        assertEquals(2, plan.code());
        assertEquals(
                "error: pod ns-db/db-02 exists, and Antrea assigns addresses only when a Pod is created: it has to be "
                        + "deleted and created again to take 172.16.20.33 from pool pool-db; pass --recreate to do that (see the new "
                        + "manifest first with --recreate --dry-run=client -o yaml)\n",
                plan.errWithoutSandboxLine());
        var r = cli.sandbox("pod", "pin-ip", "db-02", "172.16.20.33", "-n", "ns-db", "--recreate");
        assertEquals(0, r.code(), r.err());
        assertEquals("pod/db-02 re-created with 172.16.20.33 pinned from pool pool-db on node-02\n", r.out());
        String saved = r.errWithoutSandboxLine();
        assertTrue(
                saved.startsWith("saved the original manifest of pod ns-db/db-02 to "
                        + sandbox.state().resolve("recreate")),
                saved);
        Path manifest = Path.of(saved.substring(saved.indexOf(" to ") + 4).trim());
        assertTrue(Files.exists(manifest));
        assertEquals(
                """
                POOL      IP             PHASE       OWNER         NODE
                pool-db   172.16.20.33   Allocated   ns-db/db-02   node-02
                pool-db   172.16.20.48   Allocated   ns-db/db-01   node-01
                """, cli.sandbox("pool", "usage", "pool-db", "--allocations").out());
        assertEquals(
                "pod/db-02 already runs with 172.16.20.33 pinned from pool pool-db (unchanged)\n",
                cli.sandbox("pod", "pin-ip", "db-02", "172.16.20.33", "-n", "ns-db")
                        .out());
        // NAMESPACE/POD names the same Pod, as trace and ovs --pod take it
        assertEquals(
                "pod/db-02 already runs with 172.16.20.33 pinned from pool pool-db (unchanged)\n",
                cli.sandbox("pod", "pin-ip", "ns-db/db-02", "172.16.20.33").out());
    }

    @Test
    void pinIpRefusesWhatAntreaWouldRefuse() {
        assertRefused(
                2,
                "error: IP 172.16.21.5 does not belong to IP pool pool-db (ranges 172.16.20.11-172.16.20.50)\n",
                "pod",
                "pin-ip",
                "db-02",
                "172.16.21.5",
                "-n",
                "ns-db");
        assertRefused(
                1,
                "error: IP 172.16.20.48 is already allocated in IP pool pool-db to ns-db/db-01\n",
                "pod",
                "pin-ip",
                "db-02",
                "172.16.20.48",
                "-n",
                "ns-db");
        assertRefused(
                2,
                "error: pod ns-ap/web-6d4cf56db6-4lq2x is managed by ReplicaSet web-6d4cf56db6, which would replace it "
                        + "without the pinned address; put the annotations on the ReplicaSet's Pod template instead\n",
                "pod",
                "pin-ip",
                "web-6d4cf56db6-4lq2x",
                "172.16.19.30",
                "-n",
                "ns-ap");
        assertRefused(
                2,
                "error: no IPv4 pool is bound to namespace default; pass --pool POOL (see: ipamctl pool list)\n",
                "pod",
                "pin-ip",
                "frontend",
                "172.16.19.30");
        assertRefused(
                1,
                "error: pod nope not found in namespace ns-db (to create a new Pod with a pinned address, use -f FILE)\n",
                "pod",
                "pin-ip",
                "nope",
                "172.16.20.30",
                "-n",
                "ns-db");
        var badIp = cli.run("pod", "pin-ip", "db-02", "172.16.20.300", "-n", "ns-db");
        assertEquals(2, badIp.code());
        assertEquals(
                "error: \"172.16.20.300\" is not a valid IP address (expected e.g. 172.16.20.50 or fd00::50)\n",
                badIp.err());
        // nothing changed
        assertEquals(
                """
                POOL      IP             PHASE       OWNER         NODE
                pool-db   172.16.20.48   Allocated   ns-db/db-01   node-01
                pool-db   172.16.20.50   Allocated   ns-db/db-02   node-02
                """, cli.sandbox("pool", "usage", "pool-db", "--allocations").out());
    }

    private void assertRefused(int code, String error, String... args) {
        var r = cli.sandbox(args);
        assertEquals(code, r.code(), r.err());
        assertEquals(error, r.errWithoutSandboxLine());
        assertEquals("", r.out());
    }

    @Test
    void pinIpFromAManifestCreatesThePod() throws Exception {
        Path file = PodManifest.write(state, "db-03");
        var dry = cli.sandbox(
                "pod",
                "pin-ip",
                "-f",
                file.toString(),
                "172.16.20.33",
                "--pool",
                "pool-db",
                "--dry-run=client",
                "-o",
                "yaml");
        assertEquals(0, dry.code(), dry.err());
        Golden.assertMatches("pod-pin-ip-dry-run.yaml", dry.out());
        var r = cli.sandbox("pod", "pin-ip", "-f", file.toString(), "172.16.20.33", "--pool", "pool-db");
        assertEquals(0, r.code(), r.err());
        assertEquals("pod/db-03 created with 172.16.20.33 pinned from pool pool-db\n", r.out());
        assertTrue(cli.sandbox("pool", "usage", "pool-db", "--allocations")
                .out()
                .contains("pool-db   172.16.20.33   Allocated   ns-db/db-03   node-01\n"));
    }

    @Test
    void unbindSaysWhichPodsGotTheirAddressesThroughTheBinding() {
        var ap = cli.sandbox("ns", "unbind", "ns-ap");
        assertEquals("namespace/ns-ap unbound (was pool-ap)\n", ap.out());
        assertEquals(
                "note: 3 pod(s) of ns-ap got addresses from pool-ap through the binding and keep them until they are "
                        + "re-created\n",
                ap.errWithoutSandboxLine());
        // db-01 and db-02 name pool-db themselves: the binding never gave them their addresses
        cli.sandbox("ns", "bind", "ns-db", "pool-db");
        var db = cli.sandbox("ns", "unbind", "ns-db");
        assertEquals("namespace/ns-db unbound (was pool-db)\n", db.out());
        assertEquals(
                "note: 2 pod(s) of ns-db name their pools in their own ipam.antrea.io/ippools annotation and are not "
                        + "affected\n",
                db.errWithoutSandboxLine());
    }

    @Test
    void bindToAPoolWithoutAFreeAddressWarns() {
        var created = cli.sandbox(
                "pool",
                "create",
                "pool-tiny",
                "--cidr",
                "10.41.0.0/31",
                "--gateway",
                "10.41.0.1",
                "--prefix-length",
                "24");
        assertEquals(0, created.code(), created.err());
        var bind = cli.sandbox("ns", "bind", "ns-db", "pool-tiny");
        assertEquals(0, bind.code(), bind.err());
        assertEquals("namespace/ns-db bound to pool-tiny\n", bind.out());
        assertEquals(
                "note: 2 pod(s) of ns-db name their pools in their own ipam.antrea.io/ippools annotation, which the "
                        + "binding does not change\n"
                        + "warning: pool pool-tiny can hand out no address: range 10.41.0.0/31 gives no address to new Pods: Antrea "
                        + "never hands out its network address 10.41.0.0 and counts the gateway 10.41.0.1 off the 1 address left: "
                        + "new Pods of namespace ns-db will not get an address from it\n",
                bind.errWithoutSandboxLine());
    }

    @Test
    void rePinningAPodThatDoesNotRunYetSaysSo() throws Exception {
        Path file = state.resolve("db-05.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db-05
                  namespace: ns-db
                spec:
                  containers:
                  - name: db
                    image: registry.k8s.io/pause:3.10
                """);
        var created = cli.sandbox("pod", "pin-ip", "-f", file.toString(), "172.16.20.35", "--pool", "pool-db");
        assertEquals(0, created.code(), created.err());
        var again = cli.sandbox("pod", "pin-ip", "db-05", "172.16.20.35", "-n", "ns-db");
        assertEquals(0, again.code(), again.err());
        String out = again.out();
        assertTrue(
                out.startsWith(
                        "pod/db-05 already has 172.16.20.35 pinned from pool pool-db (unchanged), but does not run "
                                + "with it yet: it is not scheduled to a node (phase "),
                out);
    }

    @Test
    void deleteWithForceNamesWhatStillDependsOnThePool() {
        cli.sandbox("pool", "create", "big6", "--cidr", "10.62.0.0/24");
        cli.sandbox("ns", "bind", "ns-db", "big6");
        var refused = cli.sandbox("pool", "delete", "big6");
        assertEquals(1, refused.code());
        var forced = cli.sandbox("pool", "delete", "big6", "--force");
        assertEquals(0, forced.code(), forced.err());
        assertEquals("ippool.crd.antrea.io/big6 deleted\n", forced.out());
        assertEquals(
                "warning: deleting IPPool \"big6\" although it is still named in ipam.antrea.io/ippools by namespace ns-db "
                        + "(its new Pods would get no address)\n",
                forced.errWithoutSandboxLine());
    }
}
