package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics on the real test cluster, checked with Prometheus' own promtool: pool usage / check
 * -o prometheus, the alert rule of README "Metrics", and metrics serve (run by the launcher, as a
 * user or the Deployment runs it) following a pool that kubectl creates, fills and deletes; the
 * deploy/ manifest as the API server validates it, and its kubeconfig (the Pod's token by tokenFile)
 * with the ipamctl-viewer role.
 */
class MetricsIT {

    private static final Pattern SERVING = Pattern.compile("serving metrics on (http://127\\.0\\.0\\.1:\\d+)/metrics");

    @TempDir
    Path state;

    @Test
    void poolUsageAndPoolCheckOutputPassPromtool() {
        var usage = RealCluster.ipamctl(state, "pool", "usage", "-o", "prometheus");
        assertEquals(0, usage.code(), usage.err());
        assertTrue(
                usage.out().contains("ipamctl_pool_addresses{source=\"antrea\",pool=\"pool-ap\",state=\"used\"} 3\n"),
                usage.out());
        Promtool.assertValidMetrics(usage.out());
        var check = RealCluster.ipamctl(state, "pool", "check", "-o", "prometheus");
        assertTrue(check.code() == 0 || check.code() == 3, check.err());
        assertTrue(
                check.out().contains("ipamctl_pool_check_problems{source=\"whereabouts\",kind=\"leaked\"} "),
                check.out());
        Promtool.assertValidMetrics(check.out());
    }

    @Test
    void theReadmeAlertRulePassesItsPromtoolTest() throws IOException {
        Path rules = Path.of("deploy", "prometheus", "ipamctl-rules.yaml");
        var r = Promtool.run(
                "",
                "test",
                "rules",
                Path.of("deploy", "prometheus", "ipamctl-rules.test.yaml").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("SUCCESS"), r.out());
        var check = Promtool.run("", "check", "rules", rules.toString());
        assertEquals(0, check.code(), check.out() + check.err());
        // the README shows the rule that was tested
        String rule =
                Files.readString(rules).lines().filter(l -> !l.startsWith("#")).reduce("", (a, l) -> a + l + "\n");
        assertTrue(
                Files.readString(Path.of("README.md")).contains(rule),
                "README \"Metrics\" shows deploy/prometheus/ipamctl-rules.yaml:\n" + rule);
    }

    @Test
    void theDeployManifestPassesTheApiServersDryRun() {
        RealCluster.kubectlResult("create", "namespace", "ipamctl"); // the namespaced objects' dry run needs it
        try {
            String out = RealCluster.kubectl(
                    "apply",
                    "--dry-run=server",
                    "-f",
                    Path.of("deploy", "rbac.yaml").toString(),
                    "-f",
                    Path.of("deploy", "metrics-serve.yaml").toString());
            for (String object : List.of(
                    "serviceaccount/ipamctl-metrics",
                    "clusterrolebinding.rbac.authorization.k8s.io/ipamctl-metrics",
                    "configmap/ipamctl-metrics-kubeconfig",
                    "deployment.apps/ipamctl-metrics",
                    "service/ipamctl-metrics")) {
                assertTrue(out.contains(object + " created (server dry run)\n"), out);
            }
            assertEquals(
                    "",
                    RealCluster.kubectl(
                            "get",
                            "deployments,services,configmaps",
                            "-n",
                            "ipamctl",
                            "-l",
                            "app.kubernetes.io/component=metrics",
                            "-o",
                            "name"),
                    "a dry run stores nothing");
        } finally {
            RealCluster.kubectlResult("delete", "namespace", "ipamctl", "--wait=false");
        }
    }

    @Test
    void theManifestsKubeconfigWithTheViewerRoleReadsEveryPool() throws IOException {
        String ns = "ipamctl-metrics-it";
        RealCluster.kubectl("apply", "-f", Path.of("deploy", "rbac.yaml").toString());
        RealCluster.kubectlResult("create", "namespace", ns);
        RealCluster.kubectlResult("create", "serviceaccount", "ipamctl-metrics", "-n", ns);
        RealCluster.kubectlResult(
                "create",
                "clusterrolebinding",
                "ipamctl-metrics-it",
                "--clusterrole=ipamctl-viewer",
                "--serviceaccount=" + ns + ":ipamctl-metrics");
        try {
            // the manifest's kubeconfig, with this cluster's address and CA, and the token in a file next to it
            Files.writeString(
                    state.resolve("token"), RealCluster.kubectl("create", "token", "ipamctl-metrics", "-n", ns));
            String manifest = Files.readString(Path.of("deploy", "metrics-serve.yaml"));
            String kubeconfig = manifest.substring(
                            manifest.indexOf("  kubeconfig: |\n") + "  kubeconfig: |\n".length(),
                            manifest.indexOf("---", manifest.indexOf("  kubeconfig: |")))
                    .replaceAll("(?m)^    ", "")
                    .replace(
                            "https://kubernetes.default.svc",
                            RealCluster.kubectl(
                                    "config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}"))
                    .replace(
                            "certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
                            "certificate-authority-data: "
                                    + RealCluster.kubectl(
                                            "config",
                                            "view",
                                            "--raw",
                                            "--minify",
                                            "-o",
                                            "jsonpath={.clusters[0].cluster.certificate-authority-data}"))
                    .replace("tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token", "tokenFile: token");
            Path file = state.resolve("in-cluster.kubeconfig");
            Files.writeString(file, kubeconfig);
            var asPod = new io.ipamctl.commands.CliRun(state)
                    .run("--kubeconfig", file.toString(), "pool", "usage", "-o", "prometheus");
            assertEquals(0, asPod.code(), asPod.err());
            assertEquals("", asPod.err());
            assertEquals(
                    RealCluster.ipamctl(state, "pool", "usage", "-o", "prometheus")
                            .out(),
                    asPod.out());
        } finally {
            RealCluster.kubectlResult("delete", "clusterrolebinding", "ipamctl-metrics-it");
            RealCluster.kubectlResult("delete", "namespace", ns, "--wait=false");
        }
    }

    @Test
    void servedMetricsFollowAPoolThatKubectlCreatesFillsAndDeletes() throws Exception {
        RealCluster.kubectlResult("delete", "ippool", "pool-it-metrics", "--ignore-not-found");
        // stderr to a file, read after the fact: a thread reading the pipe races the JDK closing it at exit
        Path errFile = state.resolve("serve.err");
        Supplier<List<String>> log = () -> {
            try {
                return Files.readAllLines(errFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return List.of("(stderr not readable: " + e.getMessage() + ")");
            }
        };
        Process serve = new ProcessBuilder(
                        Path.of("cli", "ipamctl").toAbsolutePath().toString(),
                        "--kubeconfig",
                        RealCluster.kubeconfig().toString(),
                        "metrics",
                        "serve",
                        "--listen",
                        "127.0.0.1:0",
                        "--source",
                        "antrea")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errFile.toFile())
                .start();
        serve.getOutputStream().close();
        try {
            String base = awaitServing(log);
            Scraper scraper = new Scraper(base);

            String first = scraper.await("the first read", body -> value(body, "ipamctl_metrics_updates_total") >= 1);
            Promtool.assertValidMetrics(first);
            assertEquals(expectedFromJson(), antreaSeries(first));
            assertEquals(200, scraper.get("/healthz").statusCode());

            double lastUpdate = value(first, "ipamctl_metrics_last_update_timestamp_seconds");
            Path pool = state.resolve("pool.yaml");
            Files.writeString(pool, """
                    apiVersion: crd.antrea.io/v1beta1
                    kind: IPPool
                    metadata:
                      name: pool-it-metrics
                    spec:
                      ipRanges:
                      - start: 172.16.77.11
                        end: 172.16.77.20
                      subnetInfo:
                        gateway: 172.16.77.1
                        prefixLength: 24
                    """);
            RealCluster.kubectl("create", "-f", pool.toString());
            StringBuilder entries = new StringBuilder();
            for (int i = 11; i <= 19; i++) {
                entries.append(entries.isEmpty() ? "" : ",")
                        .append("{\"ipAddress\":\"172.16.77.")
                        .append(i)
                        .append("\",\"phase\":\"Allocated\",\"owner\":{\"pod\":{\"name\":\"m-")
                        .append(i)
                        .append("\",\"namespace\":\"default\",\"containerID\":\"c")
                        .append(i)
                        .append("\"}}}");
            }
            RealCluster.kubectl(
                    "patch",
                    "ippool.crd.antrea.io",
                    "pool-it-metrics",
                    "--subresource=status",
                    "--type=merge",
                    "-p",
                    "{\"status\":{\"ipAddresses\":[" + entries + "]}}");
            // wait for an update after the change that shows what pool usage -o json shows now
            String filled = scraper.await(
                    "the filled pool",
                    body -> value(body, "ipamctl_metrics_last_update_timestamp_seconds") > lastUpdate
                            && antreaSeries(body).equals(expectedFromJson()));
            assertEquals(
                    0.9,
                    antreaSeries(filled).get("ipamctl_pool_fill_ratio{source=\"antrea\",pool=\"pool-it-metrics\"}"));
            assertEquals(
                    9.0,
                    antreaSeries(filled)
                            .get("ipamctl_pool_addresses{source=\"antrea\",pool=\"pool-it-metrics\",state=\"used\"}"));
            Promtool.assertValidMetrics(filled);

            RealCluster.kubectl("delete", "ippool", "pool-it-metrics");
            String gone = scraper.await("the pool deleted", body -> !body.contains("pool-it-metrics"));
            assertEquals(expectedFromJson(), antreaSeries(gone));
            assertEquals(0.0, value(gone, "ipamctl_metrics_update_errors_total"));
            assertEquals(0.0, value(gone, "ipamctl_metrics_watch_restarts_total"));

            serve.destroy(); // SIGTERM, as kubelet stops a Pod
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "metrics serve did not stop at SIGTERM");
            List<String> lines = log.get();
            assertEquals(143, serve.exitValue(), String.join("\n", lines));
            assertTrue(lines.get(lines.size() - 1).endsWith(" stopped"), String.join("\n", lines));
            assertTrue(
                    lines.stream().noneMatch(l -> l.contains("error") || l.contains("Exception")),
                    String.join("\n", lines));
        } finally {
            serve.destroyForcibly();
            RealCluster.kubectlResult("delete", "ippool", "pool-it-metrics", "--ignore-not-found");
        }
    }

    private static String awaitServing(Supplier<List<String>> log) throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            for (String line : log.get()) {
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("metrics serve did not say where it serves:\n" + String.join("\n", log.get()));
    }

    /** Scrapes until a condition holds (a wait on the endpoint's own update metrics, bounded only to fail instead of hang). */
    private record Scraper(String base) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String await(String what, Predicate<String> done) throws IOException, InterruptedException {
            String body = "";
            for (int i = 0; i < 1200; i++) {
                HttpResponse<String> r = get("/metrics");
                assertEquals(200, r.statusCode());
                body = r.body();
                if (done.test(body)) {
                    return body;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no scrape showed " + what + "; the last:\n" + body);
        }
    }

    private static double value(String body, String name) {
        return body.lines()
                .filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in:\n" + body));
    }

    /** The antrea pool series of a scrape, series text to value. */
    private static Map<String, Double> antreaSeries(String body) {
        Map<String, Double> out = new TreeMap<>();
        body.lines()
                .filter(l -> l.startsWith("ipamctl_pool_") && l.contains("source=\"antrea\""))
                .forEach(l -> out.put(
                        l.substring(0, l.lastIndexOf(' ')), Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))));
        return out;
    }

    /** The same series as pool usage -o json shows the pools now. */
    private Map<String, Double> expectedFromJson() {
        var r = RealCluster.ipamctl(state, "pool", "usage", "--source", "antrea", "-o", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, Double> out = new TreeMap<>();
        try {
            for (JsonNode item : new ObjectMapper().readTree(r.out()).get("items")) {
                String labels = "{source=\"antrea\",pool=\"" + item.get("name").asText() + "\"";
                double total = item.get("total").asDouble();
                double used = item.get("used").asDouble();
                out.put("ipamctl_pool_capacity_addresses" + labels + "}", total);
                out.put("ipamctl_pool_addresses" + labels + ",state=\"used\"}", used);
                out.put(
                        "ipamctl_pool_addresses" + labels + ",state=\"free\"}",
                        item.get("free").asDouble());
                out.put("ipamctl_pool_fill_ratio" + labels + "}", total == 0 ? 1 : used / total);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
