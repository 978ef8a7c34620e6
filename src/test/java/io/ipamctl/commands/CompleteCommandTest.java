package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/** ipamctl __complete KIND [PREFIX]: live names for the completion scripts; never a word on stderr. */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class CompleteCommandTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    /** A runner on this class's sandbox (made per test, after the extension's beforeAll). */
    final CliRun cli = sandbox.cli();

    private void assertNames(String expected, CliRun.Result r) {
        assertEquals(expected, r.out());
        assertEquals("", r.err(), "stderr must stay empty, not even the sandbox notice");
        assertEquals(0, r.code());
    }

    @Test
    void poolsOfEverySourceOfTheSandbox() {
        assertNames(
                "egress-pool\nextra-v6\nkube-system/192.168.20.0-24\nkube-system/slicenet\n"
                        + "kube-system/slicenet-node-01-192.168.32.0-26\nkube-system/slicenet-node-02-192.168.32.64-26\n"
                        + "kubernetes\nnode-01\nnode-02\npool-ap\npool-db\npool-v6\n",
                cli.sandbox("__complete", "pools"));
    }

    @Test
    void antreaIpPoolsAlone() {
        assertNames("pool-ap\npool-db\npool-v6\n", cli.sandbox("__complete", "ippools"));
    }

    @Test
    void onlyNamesWithThePrefix() {
        assertNames("pool-db\n", cli.sandbox("__complete", "pools", "pool-d"));
    }

    @Test
    void namespaces() {
        assertNames("default\nkube-system\nns-ap\nns-db\n", cli.sandbox("__complete", "namespaces"));
    }

    @Test
    void nodes() {
        assertNames("node-01\nnode-02\n", cli.sandbox("__complete", "nodes"));
    }

    @Test
    void podsOfTheNamespaceGiven() {
        assertNames("db-01\ndb-02\n", cli.sandbox("-n", "ns-db", "__complete", "pods"));
    }

    /** trace SRC and pod why POD take NAMESPACE/POD: after the slash, that namespace's Pods, whatever -n says. */
    @Test
    void podsOfTheNamespaceBeforeASlash() {
        assertNames("ns-db/db-01\nns-db/db-02\n", cli.sandbox("__complete", "pods", "ns-db/"));
        assertNames(
                "default/backend1\ndefault/backend2\n", cli.sandbox("-n", "ns-db", "__complete", "pods", "default/b"));
        assertNames("", cli.sandbox("__complete", "pods", "Not_A_Namespace/"));
    }

    @Test
    void unknownKindPrintsNothing() {
        assertNames("", cli.sandbox("__complete", "volumes", "x"));
        assertNames("", cli.run("__complete"));
    }

    @Test
    void noClusterPrintsNothing() {
        // no kubeconfig at all: the same run without __complete is "error: no kubeconfig found ..." (exit 1)
        assertNames("", cli.run("__complete", "pools"));
        // --sandbox with --context is a usage error elsewhere (exit 2)
        assertNames("", cli.run("--sandbox", "--context", "x", "__complete", "pools"));
    }

    @Test
    void badArgumentsPrintNothing() {
        assertNames("", cli.run("--request-timeout", "soon", "__complete", "pools"));
        assertNames("", cli.run("__complete", "pods", "-n"));
    }

    @Test
    void extraWordsAreIgnored() {
        assertNames("pool-db\n", cli.sandbox("__complete", "pools", "pool-d", "--no-such-option", "more"));
    }

    @Test
    void hiddenFromHelp() {
        var r = cli.run("--help");
        assertEquals(0, r.code());
        assertEquals(false, r.out().contains("__complete"), r.out());
    }
}
