package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * -l and AGE on the real API server, against kubectl: the pools a selector shows are the objects kubectl
 * get -l lists (the server applies both), and AGE is counted from the creationTimestamp kubectl shows.
 */
class PoolSelectorIT {

    @TempDir
    Path state;

    /** ipamctl's -o name lines, as kubectl's KIND/NAME: the same objects either way. */
    private List<String> ipamctl(String... args) {
        var r = RealCluster.ipamctl(state, args);
        assertEquals(0, r.code(), r.err());
        return r.out().lines().sorted().toList();
    }

    private static List<String> kubectlNames(String... args) {
        return RealCluster.kubectl(args)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .sorted()
                .toList();
    }

    @Test
    void aLabelKubectlPutsOnAPoolSelectsItAsKubectlGetDoes() {
        RealCluster.kubectl("label", "ippools.crd.antrea.io", "pool-db", "it.ipamctl.io/select=yes", "--overwrite");
        try {
            assertEquals(
                    List.of("pool-db"),
                    kubectlNames(
                            "get",
                            "ippools.crd.antrea.io",
                            "-l",
                            "it.ipamctl.io/select=yes",
                            "-o",
                            "custom-columns=:.metadata.name"));
            assertEquals(
                    List.of("antrea/pool-db"),
                    ipamctl("pool", "usage", "-l", "it.ipamctl.io/select=yes", "-o", "name"));
            var table = RealCluster.ipamctl(state, "pool", "usage", "--selector", "it.ipamctl.io/select=yes");
            assertEquals(0, table.code(), table.err());
            assertEquals(2, table.out().lines().count(), table.out());
            assertTrue(table.out().lines().skip(1).allMatch(l -> l.startsWith("pool-db ")), table.out());
        } finally {
            RealCluster.kubectl("label", "ippools.crd.antrea.io", "pool-db", "it.ipamctl.io/select-");
        }
        var none = RealCluster.ipamctl(state, "pool", "usage", "-l", "it.ipamctl.io/select=yes");
        assertEquals(0, none.code());
        assertEquals("", none.out());
        assertEquals("No resources found\n", none.err());
    }

    @Test
    void everySourceSelectsWhatKubectlSelects() {
        for (String selector :
                new String[] {"team=web", "team in (db,net)", "team notin (web),team", "!team", "env=prod"}) {
            List<String> kubectl = kubectlNames(
                            "get",
                            "ippools.crd.antrea.io,ippools.whereabouts.cni.cncf.io,nodeslicepools.whereabouts.cni.cncf.io,"
                                    + "externalippools.crd.antrea.io,nodes,servicecidrs",
                            "-A",
                            "-l",
                            selector,
                            "-o",
                            "custom-columns=:.kind,:.metadata.namespace,:.metadata.name")
                    .stream()
                    .map(PoolSelectorIT::asPoolName)
                    .sorted()
                    .toList();
            assertEquals(kubectl, ipamctl("pool", "list", "-l", selector, "-o", "name"), selector);
        }
    }

    /** kubectl's KIND NAMESPACE NAME as ipamctl's SOURCE/NAME. */
    private static String asPoolName(String kubectlLine) {
        String[] c = kubectlLine.split("\\s+");
        return switch (c[0]) {
            case "IPPool" -> c[1].equals("<none>") ? "antrea/" + c[2] : "whereabouts/" + c[1] + "/" + c[2];
            case "NodeSlicePool" -> "whereabouts/" + c[1] + "/" + c[2]; // the range row of a node-slice network
            case "ExternalIPPool" -> "externalippool/" + c[2];
            case "Node" -> "node/" + c[2];
            case "ServiceCIDR" -> "servicecidr/" + c[2];
            default -> throw new AssertionError("unexpected kind: " + kubectlLine);
        };
    }

    @Test
    void ageIsCountedFromTheCreationTimestampKubectlShows() {
        String created = RealCluster.kubectl(
                "get", "ippools.crd.antrea.io", "pool-ap", "-o", "jsonpath={.metadata.creationTimestamp}");
        var json =
                RealCluster.ipamctl(state, "pool", "list", "pool-ap", "-o", "jsonpath={.items[0].creationTimestamp}");
        assertEquals(created, json.out());
        // a fixed clock: 3h5m after kubectl's creationTimestamp is "3h5m", as kubectl writes it
        var later = new io.ipamctl.commands.CliRun(state)
                .env(
                        "IPAMCTL_NOW",
                        Instant.parse(created).plus(Duration.ofMinutes(185)).toString())
                .run(
                        "--kubeconfig",
                        RealCluster.kubeconfig().toString(),
                        "pool",
                        "usage",
                        "pool-ap",
                        "-o",
                        "wide",
                        "--no-headers");
        assertEquals(0, later.code(), later.err());
        assertEquals("3h5m", later.out().trim().split("\\s+")[8]);
        // and the clock of now: between what kubectl's AGE column said just before and just after
        long before = seconds(kubectlAge());
        var now = RealCluster.ipamctl(state, "pool", "list", "pool-ap", "--no-headers");
        long after = seconds(kubectlAge());
        long ours = seconds(now.out().trim().split("\\s+")[7]);
        assertTrue(
                before <= ours && ours <= after,
                "kubectl " + before + "s, ipamctl " + ours + "s, kubectl " + after + "s");
    }

    private static String kubectlAge() {
        String[] header = RealCluster.kubectl("get", "ippools.crd.antrea.io", "pool-ap")
                .lines()
                .findFirst()
                .orElseThrow()
                .split("\\s+");
        String[] row = RealCluster.kubectl("get", "ippools.crd.antrea.io", "pool-ap", "--no-headers")
                .trim()
                .split("\\s+");
        return row[Arrays.asList(header).indexOf("AGE")];
    }

    /** kubectl's age text (45s, 3m12s, 2h5m, 5d3h) in seconds. */
    private static long seconds(String age) {
        long total = 0;
        var m = java.util.regex.Pattern.compile("(\\d+)([smhdy])").matcher(age);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += n
                    * switch (m.group(2)) {
                        case "s" -> 1;
                        case "m" -> 60;
                        case "h" -> 3600;
                        case "d" -> 86400;
                        default -> 365 * 86400;
                    };
        }
        return total;
    }
}
