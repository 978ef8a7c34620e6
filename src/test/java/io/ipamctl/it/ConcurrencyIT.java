package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.CliRun;
import io.ipamctl.commands.PodManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ipamctl runs started at the same instant, many rounds, on the real API server: each round
 * exactly one pool or pin survives and the other run fails with one line naming the winner. Which
 * path the loser takes (refused by the check before writing, or created and undone after the
 * race check) depends on timing; both are accepted, and how often each happened is printed.
 */
class ConcurrencyIT {

    static final int ROUNDS = 20;

    @TempDir
    Path state;

    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Both runs, released together. */
    private List<CliRun.Result> together(String[] a, String[] b) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Future<CliRun.Result> fa = threads.submit(() -> {
            go.await();
            return RealCluster.ipamctl(Files.createDirectories(state.resolve("a")), a);
        });
        Future<CliRun.Result> fb = threads.submit(() -> {
            go.await();
            return RealCluster.ipamctl(Files.createDirectories(state.resolve("b")), b);
        });
        go.countDown();
        return List.of(fa.get(), fb.get());
    }

    /** The winner's name and how the loser lost ("undone" after creating, or "refused" before). */
    private record Outcome(String winner, String loser, String how) {}

    private static Outcome outcome(List<CliRun.Result> r, String nameA, String nameB, Pattern undone, Pattern refused) {
        int winners = (r.get(0).code() == 0 ? 1 : 0) + (r.get(1).code() == 0 ? 1 : 0);
        assertEquals(1, winners, "exactly one run succeeds: " + r);
        boolean aWon = r.get(0).code() == 0;
        CliRun.Result lost = r.get(aWon ? 1 : 0);
        String winner = aWon ? nameA : nameB;
        String loser = aWon ? nameB : nameA;
        assertEquals("", lost.out());
        String line = lost.err().strip();
        String named = line.replace(winner, "{W}").replace(loser, "{L}");
        if (undone.matcher(named).matches()) {
            assertEquals(1, lost.code());
            return new Outcome(winner, loser, "undone");
        }
        assertTrue(refused.matcher(named).matches(), "unexpected message of the loser: " + lost.err());
        return new Outcome(winner, loser, "refused");
    }

    @Test
    void overlappingPoolCreatesLeaveExactlyOnePool() throws Exception {
        int undone = 0;
        for (int i = 0; i < ROUNDS; i++) {
            String a = "race-" + i + "-a";
            String b = "race-" + i + "-b";
            String net = "10.61." + i + ".";
            var r = together(
                    new String[] {
                        "pool",
                        "create",
                        a,
                        "--range",
                        net + "10-" + net + "60",
                        "--gateway",
                        net + "1",
                        "--prefix-length",
                        "24"
                    },
                    new String[] {
                        "pool",
                        "create",
                        b,
                        "--range",
                        net + "50-" + net + "70",
                        "--gateway",
                        net + "1",
                        "--prefix-length",
                        "24"
                    });
            String shared = Pattern.quote(net + "50-" + net + "60");
            Outcome o = outcome(
                    r,
                    a,
                    b,
                    Pattern.compile("error: pool \\{L\\} overlaps with pool \\{W\\} at " + shared
                            + ": another client created \\{W\\} "
                            + "just before \\{L\\}; IPPool \\{L\\} was deleted again, nothing changed"),
                    Pattern.compile("error: pool \\{L\\} overlaps with pool \\{W\\} at " + shared
                            + ": pools must not share addresses"));
            undone += o.how().equals("undone") ? 1 : 0;
            String prefix = "ippool.crd.antrea.io/race-" + i + "-";
            String left = RealCluster.kubectl("get", "ippools", "-o", "name")
                    .lines()
                    .filter(l -> l.startsWith(prefix))
                    .reduce("", (x, y) -> x + y + "\n");
            assertEquals("ippool.crd.antrea.io/" + o.winner() + "\n", left, "round " + i);
            RealCluster.kubectl("delete", "ippool", o.winner());
        }
        System.err.println(
                "pool create races: " + undone + " of " + ROUNDS + " rounds created both and undid the second");
    }

    private Path manifest(String name) throws Exception {
        return PodManifest.write(state, name);
    }

    /** The loser was refused before writing: the winner's pod asks for, holds or was allocated the address. */
    private static Pattern refusedPin(String ip) {
        String q = Pattern.quote(ip);
        return Pattern.compile(
                "error: IP " + q + " is already (requested by pod ns-db/\\{W\\} \\(ipam\\.antrea\\.io/pod-ips\\)"
                        + "|used by pod ns-db/\\{W\\}|allocated in IP pool pool-db to ns-db/\\{W\\})");
    }

    private static String reason(String ip) {
        return "error: IP " + Pattern.quote(ip)
                + " is already (requested by pod ns-db/\\{W\\} \\(ipam\\.antrea\\.io/pod-ips\\)"
                + "|used by pod ns-db/\\{W\\}|allocated in IP pool pool-db to ns-db/\\{W\\}): another client got there just "
                + "before pod ns-db/\\{L\\} was created; ";
    }

    private static String pinOf(String pod) {
        return RealCluster.kubectl(
                "get", "pod", "-n", "ns-db", pod, "-o", "jsonpath={.metadata.annotations.ipam\\.antrea\\.io/pod-ips}");
    }

    @Test
    void pinningOneAddressToTwoNewPodsLeavesExactlyOnePod() throws Exception {
        int undone = 0;
        for (int i = 0; i < ROUNDS; i++) {
            String ip = "172.16.20." + (12 + i);
            String a = "pin-" + i + "-a";
            String b = "pin-" + i + "-b";
            var r = together(
                    new String[] {"pod", "pin-ip", "-f", manifest(a).toString(), ip, "--pool", "pool-db"},
                    new String[] {"pod", "pin-ip", "-f", manifest(b).toString(), ip, "--pool", "pool-db"});
            Outcome o = outcome(
                    r,
                    a,
                    b,
                    Pattern.compile(reason(ip) + "pod ns-db/\\{L\\} was deleted again, nothing changed"),
                    refusedPin(ip));
            undone += o.how().equals("undone") ? 1 : 0;
            assertEquals(ip, pinOf(o.winner()));
            assertEquals(
                    1,
                    RealCluster.kubectlResult("get", "pod", "-n", "ns-db", o.loser())
                            .code(),
                    "round " + i);
            RealCluster.kubectl("delete", "pod", "-n", "ns-db", o.winner(), "--grace-period=0", "--force");
        }
        System.err.println(
                "pin-ip -f races: " + undone + " of " + ROUNDS + " rounds created both and undid the second");
    }

    @Test
    void recreatingTwoPodsWithOneAddressPinsExactlyOne() throws Exception {
        for (String name : List.of("rc-a", "rc-b")) {
            RealCluster.kubectl("create", "-f", manifest(name).toString());
        }
        int undone = 0;
        int rounds = 5;
        for (int i = 0; i < rounds; i++) {
            String ip = "172.16.20." + (36 + i);
            var r = together(
                    new String[] {
                        "pod",
                        "pin-ip",
                        "rc-a",
                        ip,
                        "-n",
                        "ns-db",
                        "--pool",
                        "pool-db",
                        "--recreate",
                        "--timeout",
                        "90s"
                    },
                    new String[] {
                        "pod",
                        "pin-ip",
                        "rc-b",
                        ip,
                        "-n",
                        "ns-db",
                        "--pool",
                        "pool-db",
                        "--recreate",
                        "--timeout",
                        "90s"
                    });
            // the loser's stderr starts with the saved manifest's path when it got as far as re-creating
            List<CliRun.Result> errorsOnly = r.stream()
                    .map(x -> new CliRun.Result(
                            x.code(),
                            x.out(),
                            x.err().lines().filter(l -> l.startsWith("error: ")).reduce("", (p, q) -> p + q + "\n")))
                    .toList();
            Outcome o = outcome(
                    errorsOnly,
                    "rc-a",
                    "rc-b",
                    Pattern.compile(reason(ip) + "pod ns-db/\\{L\\} was created again "
                            + "from its original manifest, without the new pin \\(.*\\)"),
                    refusedPin(ip));
            undone += o.how().equals("undone") ? 1 : 0;
            assertEquals(
                    ip, RealCluster.kubectl("get", "pod", "-n", "ns-db", o.winner(), "-o", "jsonpath={.status.podIP}"));
            assertTrue(!pinOf(o.loser()).equals(ip), "round " + i + ": the loser keeps its own pin");
        }
        System.err.println(
                "pin-ip --recreate races: " + undone + " of " + rounds + " rounds created both and undid the second");
        RealCluster.kubectl("delete", "pod", "-n", "ns-db", "rc-a", "rc-b", "--grace-period=0", "--force");
    }
}
