package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test cluster's kubelet part deletes a going Pod by UID, never by name: a Pod re-created under the same name
 * right after the deletion (what `pod pin-ip --recreate` does) is never the one deleted. kwok's delete stage, which
 * deleted by name once per update of the going Pod, once deleted the re-created db-02 of
 * NamespaceAndPodIT#recreateGivesAStandalonePodItsNewAddress (the stand-in's finishDeletion replaces it). Every
 * round alternates a plain Pod and one on a Whereabouts network (whose CNI DEL the teardown finalizer keeps before
 * the deletion); each deletion and each re-creation is checked by the Pod's UID.
 */
class PodRecreateIT {

    private static final String NAME = "rcp-pod";
    private static final int ROUNDS = 16;
    private static final String NAD = "{\"cniVersion\":\"0.3.1\",\"name\":\"rcp-net\",\"type\":\"macvlan\","
            + "\"master\":\"eth0\",\"ipam\":{\"type\":\"whereabouts\",\"range\":\"192.168.33.0/29\"}}";
    private static final String WB_POOL = "192.168.33.0-29";

    private static Path dir;

    @BeforeAll
    static void network(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        dir = tmp;
        Path f = tmp.resolve("nad.yaml");
        Files.writeString(
                f,
                "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: rcp-net\n"
                        + "  namespace: default\nspec:\n  config: '" + NAD + "'\n");
        RealCluster.kubectl("create", "-f", f.toString());
    }

    @AfterAll
    static void removeAll() {
        RealCluster.kubectlResult("delete", "pod", "-n", "default", NAME, "--ignore-not-found", "--wait=true");
        RealCluster.kubectlResult(
                "delete", "network-attachment-definitions.k8s.cni.cncf.io", "-n", "default", "rcp-net");
        RealCluster.kubectlResult(
                "delete", "ippools.whereabouts.cni.cncf.io", "-n", "kube-system", WB_POOL, "--ignore-not-found");
        for (String r : reservations().split(" ")) {
            if (!r.isEmpty()) {
                RealCluster.kubectlResult(
                        "delete", "overlappingrangeipreservations.whereabouts.cni.cncf.io", "-n", "kube-system", r);
            }
        }
    }

    @Test
    void aPodReCreatedRightAfterItsDeletionIsNeverDeletedInItsPlace() throws Exception {
        String uid = create(0);
        for (int round = 1; round <= ROUNDS; round++) {
            boolean attached = round % 2 == 1; // the Pod of the previous round
            RealCluster.kubectl("wait", "-n", "default", "--for", "condition=Ready", "pod/" + NAME, "--timeout", "60s");
            assertEquals(
                    uid,
                    RealCluster.kubectl("get", "pod", "-n", "default", NAME, "-o", "jsonpath={.metadata.uid}"),
                    "round " + round + ": the Pod created in the round before is not the one there");
            // kubectl deletes by name; the name is this Pod's (checked above, nobody else makes it)
            var deleted = RealCluster.kubectlResult("delete", "pod", "-n", "default", NAME, "--wait=true");
            assertEquals(
                    0, deleted.code(), "round " + round + ": the Pod went before it was deleted: " + deleted.err());
            if (attached) {
                // its CNI DEL ran before the Pod went (the finalizer), so Whereabouts holds nothing for it
                assertEquals("", allocations(), "round " + round);
                assertEquals("", reservations(), "round " + round);
            }
            String next = create(round);
            assertNotEquals(uid, next);
            uid = next;
        }
        RealCluster.kubectl("wait", "-n", "default", "--for", "condition=Ready", "pod/" + NAME, "--timeout", "60s");
        assertEquals(uid, RealCluster.kubectl("get", "pod", "-n", "default", NAME, "-o", "jsonpath={.metadata.uid}"));
    }

    /** Creates the Pod (on a Whereabouts network in even rounds) and returns its UID. */
    private static String create(int round) throws Exception {
        String annotations = round % 2 == 0 ? ",\"annotations\":{\"k8s.v1.cni.cncf.io/networks\":\"rcp-net\"}" : "";
        Path f = Files.createTempFile(dir, "pod", ".json");
        Files.writeString(
                f,
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + NAME
                        + "\",\"namespace\":\"default\"" + annotations + "},\"spec\":{\"nodeName\":\"node-01\","
                        + "\"containers\":[{\"name\":\"pause\",\"image\":\"registry.k8s.io/pause:3.10\"}]}}");
        return RealCluster.kubectl("create", "-f", f.toString(), "-o", "jsonpath={.metadata.uid}");
    }

    /** The names of the overlapping-range reservations Whereabouts keeps for the test's range. */
    private static String reservations() {
        return RealCluster.whereaboutsReservations()
                .replaceAll("(^| )(?!192\\.168\\.33\\.)\\S+", "")
                .trim();
    }

    /** The allocations of the test's Whereabouts pool ("" when it has none or does not exist yet). */
    private static String allocations() {
        var r = RealCluster.kubectlResult(
                "get",
                "ippools.whereabouts.cni.cncf.io",
                "-n",
                "kube-system",
                WB_POOL,
                "--ignore-not-found",
                "-o",
                "jsonpath={.spec.allocations}");
        assertEquals(0, r.code(), r.err());
        return r.out().replace("{}", "");
    }
}
