package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/rbac.yaml on the real API server: each role lets its commands work, refuses the rest with
 * a line naming the verb and resource, and the service-account token never appears in any output.
 */
class RbacIT {

    private static final String NS = "ipamctl-rbac-it";

    @TempDir
    static Path dir;

    static Path viewer;
    static Path admin;
    static String viewerToken;
    static String adminToken;

    @BeforeAll
    static void accounts() throws IOException {
        RealCluster.kubectl("apply", "-f", Path.of("deploy", "rbac.yaml").toString());
        RealCluster.kubectlResult("create", "namespace", NS);
        for (String role : new String[] {"viewer", "admin"}) {
            RealCluster.kubectlResult("create", "serviceaccount", "ipamctl-" + role, "-n", NS);
            RealCluster.kubectlResult(
                    "create",
                    "clusterrolebinding",
                    "ipamctl-" + role + "-it",
                    "--clusterrole=ipamctl-" + role,
                    "--serviceaccount=" + NS + ":ipamctl-" + role);
        }
        viewerToken = RealCluster.kubectl("create", "token", "ipamctl-viewer", "-n", NS)
                .strip();
        adminToken = RealCluster.kubectl("create", "token", "ipamctl-admin", "-n", NS)
                .strip();
        viewer = RealCluster.kubeconfigWithToken(dir, "viewer", viewerToken);
        admin = RealCluster.kubeconfigWithToken(dir, "admin", adminToken);
    }

    @AfterAll
    static void cleanup() {
        RealCluster.kubectlResult(
                "delete", "clusterrolebinding", "ipamctl-viewer-it", "ipamctl-admin-it", "--ignore-not-found");
        RealCluster.kubectlResult("delete", "namespace", NS, "--wait=false");
    }

    private static CliRun.Result as(Path kubeconfig, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--kubeconfig";
        all[1] = kubeconfig.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new CliRun(dir).run(all);
    }

    @Test
    void viewerReadsButCannotWrite() {
        var usage = as(viewer, "pool", "usage", "pool-ap");
        assertEquals(0, usage.code(), usage.err());
        var create = as(viewer, "pool", "create", "pool-rbac", "--cidr", "10.66.0.0/24");
        assertEquals(1, create.code());
        assertTrue(create.err().startsWith("error: forbidden: "), create.err());
        assertTrue(
                create.err().contains("cannot create resource \"ippools\" in API group \"crd.antrea.io\""),
                create.err());
        var bind = as(viewer, "ns", "bind", "ns-db", "pool-db");
        assertEquals(1, bind.code());
        assertTrue(bind.err().contains("cannot patch resource \"namespaces\""), bind.err());
        var ovs = as(viewer, "ovs", "show", "--node", "node-01");
        assertEquals(1, ovs.code());
        assertEquals(
                "error: forbidden: cannot create pods/exec in namespace kube-system (RBAC): the exec into "
                        + "antrea-agent-bj42h was refused (ask for the ipamctl-admin role of deploy/rbac.yaml)\n",
                ovs.err());
        // pod why reads the Pod's Events: a reading command the viewer role allows
        var why = as(viewer, "pod", "why", "ns-db/db-01");
        assertEquals(0, why.code(), why.err());
        assertTrue(why.out().startsWith("pod ns-db/db-01 has 172.16.20.48 from pool pool-db"), why.out());
        assertNoToken(usage, create, bind, ovs, why);
    }

    @Test
    void adminCanDoWhatTheCommandsNeed() {
        var create = as(admin, "pool", "create", "pool-rbac-admin", "--cidr", "10.67.0.0/24");
        assertEquals(0, create.code(), create.err());
        var bind = as(admin, "ns", "bind", NS, "pool-rbac-admin");
        assertEquals(0, bind.code(), bind.err());
        var unbind = as(admin, "ns", "unbind", NS);
        assertEquals(0, unbind.code(), unbind.err());
        var delete = as(admin, "pool", "delete", "pool-rbac-admin");
        assertEquals(0, delete.code(), delete.err());
        assertNoToken(create, bind, unbind, delete);
    }

    /** Both roles read (and watch, for --watch) every pool source, so no source is skipped with a warning. */
    @Test
    void bothRolesReadEverySource() {
        String[][] reads = {
            {"crd.antrea.io", "externalippools"},
            {"crd.antrea.io", "egresses"},
            {"", "services"},
            {"networking.k8s.io", "servicecidrs"},
            {"networking.k8s.io", "ipaddresses"}
        };
        for (String role : new String[] {"viewer", "admin"}) {
            for (String[] r : reads) {
                for (String verb : new String[] {"get", "list", "watch"}) {
                    String resource = r[0].isEmpty() ? r[1] : r[1] + "." + r[0];
                    assertEquals(
                            "yes",
                            RealCluster.kubectlResult(
                                            "auth",
                                            "can-i",
                                            verb,
                                            resource,
                                            "--as=system:serviceaccount:" + NS + ":ipamctl-" + role)
                                    .out()
                                    .strip(),
                            role + " " + verb + " " + resource);
                }
            }
        }
        for (Path who : new Path[] {viewer, admin}) {
            var usage = as(who, "pool", "usage", "--source", "externalippool,servicecidr", "-o", "name");
            assertEquals(0, usage.code(), usage.err());
            assertEquals("", usage.err());
            assertEquals("externalippool/egress-pool\nservicecidr/extra-v6\nservicecidr/kubernetes\n", usage.out());
            var check = as(who, "pool", "check", "--source", "externalippool,servicecidr");
            assertEquals("", check.err());
            assertEquals("no problems found in externalippool, servicecidr\n", check.out());
            assertNoToken(usage, check);
        }
        var cannot = RealCluster.kubectlResult(
                        "auth",
                        "can-i",
                        "delete",
                        "egresses.crd.antrea.io",
                        "--as=system:serviceaccount:" + NS + ":ipamctl-admin")
                .out()
                .strip();
        assertEquals("no", cannot);
    }

    /** A Traceflow as trace --keep leaves it, made by the cluster admin. */
    private static void keptTraceflow(String name) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "apiVersion: crd.antrea.io/v1beta1",
                        "kind: Traceflow",
                        "metadata:",
                        "  name: " + name,
                        "  labels:",
                        "    app.kubernetes.io/managed-by: ipamctl",
                        "spec:",
                        "  source:",
                        "    namespace: default",
                        "    pod: frontend",
                        "  destination:",
                        "    namespace: default",
                        "    pod: backend1",
                        ""));
        RealCluster.kubectl("apply", "-f", file.toString());
    }

    @Test
    void viewerListsIpamctlsTraceflowsButDeletesNone() throws IOException {
        keptTraceflow("ipamctl-rbac-it-viewer");
        try {
            var list = as(viewer, "trace", "list", "-o", "name");
            assertEquals(0, list.code(), list.err());
            assertTrue(list.out().lines().anyMatch("traceflow/ipamctl-rbac-it-viewer"::equals), list.out());
            var delete = as(viewer, "trace", "delete", "ipamctl-rbac-it-viewer");
            assertEquals(1, delete.code());
            assertTrue(delete.err().startsWith("error: forbidden: "), delete.err());
            assertTrue(
                    delete.err().contains("cannot delete resource \"traceflows\" in API group \"crd.antrea.io\""),
                    delete.err());
            assertNoToken(list, delete);
        } finally {
            RealCluster.kubectlResult("delete", "traceflow", "ipamctl-rbac-it-viewer", "--ignore-not-found");
        }
    }

    /** The admin role deletes what trace --keep left, and traces to a Service (which needs get services). */
    @Test
    void adminDeletesKeptTraceflowsAndTracesToAService() throws IOException {
        keptTraceflow("ipamctl-rbac-it-admin");
        var delete = as(admin, "trace", "delete", "ipamctl-rbac-it-admin");
        assertEquals(0, delete.code(), delete.err());
        assertEquals("traceflow.crd.antrea.io/ipamctl-rbac-it-admin deleted\n", delete.out());
        RealCluster.kubectlResult("create", "service", "clusterip", "web", "--tcp=80:80", "-n", NS);
        // no Antrea controller answers here: the trace times out, after every request it needed was allowed
        var trace = as(admin, "trace", "default/frontend", "svc/" + NS + "/web", "--timeout", "1s");
        assertEquals("", trace.err());
        assertEquals(1, trace.code());
        assertTrue(
                trace.out()
                        .endsWith("Verdict: Timed out after 1s waiting for Antrea (the Traceflow was never started: "
                                + "is antrea-controller running?)\n"),
                trace.out());
        assertEquals(
                "",
                RealCluster.kubectl("get", "traceflows", "-l", "app.kubernetes.io/managed-by=ipamctl", "-o", "name"));
        assertNoToken(delete, trace);
    }

    @Test
    void verboseLogsNeverShowTheToken() {
        var r = as(viewer, "pool", "usage", "-v");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("debug: GET "), r.err());
        assertNoToken(r);
    }

    private static void assertNoToken(CliRun.Result... results) {
        for (CliRun.Result r : results) {
            for (String token : new String[] {viewerToken, adminToken}) {
                assertFalse(r.out().contains(token) || r.err().contains(token), "token leaked");
            }
        }
    }
}
