package io.ipamctl.commands.metrics;

import io.ipamctl.ExitCode;
import io.ipamctl.SafeText;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.Session;
import io.ipamctl.commands.pool.SourceOption;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.kube.CleanupOnExit;
import io.ipamctl.metrics.ListenText;
import io.ipamctl.metrics.MetricsEndpoint;
import io.ipamctl.metrics.PoolMetricsFeed;
import io.ipamctl.output.PrometheusText;
import io.ipamctl.sources.IpamInventory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        header = "Serve the pools' Prometheus metrics over HTTP (/metrics, /healthz), kept current by watches.",
        description = {
            "Reads every pool once, then watches the sources (as pool usage --watch does) and reads them again "
                    + "after each burst of changes; a scrape only copies the last result, so scraping often costs the "
                    + "API server nothing. A watch the API server ends is opened again and the pools are read again; "
                    + "a failed read is retried (1s, doubling up to 30s) while the last values stay served.",
            "GET /metrics: the metrics of pool usage -o prometheus (ipamctl_pool_capacity_addresses, "
                    + "ipamctl_pool_addresses{state=used|free}, ipamctl_pool_fill_ratio) and the server's own "
                    + "(ipamctl_metrics_last_update_timestamp_seconds, ipamctl_metrics_last_update_success, "
                    + "ipamctl_metrics_updates_total, ipamctl_metrics_update_errors_total, "
                    + "ipamctl_metrics_watch_restarts_total, ...); names and labels in README \"Metrics\". "
                    + "GET /healthz: 200 while the last read worked, else 503.",
            "Listens on 127.0.0.1:9447 unless --listen names another address; an address other hosts can "
                    + "reach (0.0.0.0:9447 in a Pod, see deploy/metrics-serve.yaml) is used only when given, with a "
                    + "warning: the endpoint has no authentication. Runs until Ctrl-C or SIGTERM (exit 130 / 143), "
                    + "in its own process, never in the warm server. Log lines (warnings, failed reads) go to stderr."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl metrics serve                               # http://127.0.0.1:9447/metrics",
            "  ipamctl metrics serve --listen 127.0.0.1:0          # any free port (printed on stderr)",
            "  ipamctl metrics serve --source antrea,whereabouts   # only these sources' pools",
            "  curl -s http://127.0.0.1:9447/metrics | grep ipamctl_pool_fill_ratio"
        })
public final class MetricsServeCommand implements Callable<Integer> {

    static final String DEFAULT_LISTEN = "127.0.0.1:9447";

    @Option(
            names = "--listen",
            paramLabel = "IP:PORT",
            converter = ListenAddress.class,
            defaultValue = DEFAULT_LISTEN,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free one). An address "
                    + "other than loopback exposes the metrics to other hosts and is warned about.")
    InetSocketAddress listen;

    @Mixin
    SourceOption source;

    @Spec
    CommandSpec spec;

    @Override
    @SuppressWarnings("try") // the endpoint closes early on Ctrl-C, then again (a no-op) with the try
    public Integer call() {
        Session session = IpamctlCommand.session(spec);
        Set<IpamSource> only = source.only();
        session.client(); // a kubeconfig that cannot work is an error now, not a read retried for ever
        if (!listen.getAddress().isLoopbackAddress()) {
            session.warn("listening on " + ListenText.of(listen) + ": other hosts can read the pool metrics "
                    + "(there is no authentication); use --listen 127.0.0.1:PORT to keep them on this machine");
        }
        PoolMetricsFeed feed = new PoolMetricsFeed(
                warn -> read(session, only, warn),
                (onChange, onEnd) -> IpamInventory.watch(session.client(), only, onChange, onEnd),
                line -> log(session, line),
                Clock.systemUTC());
        try (MetricsEndpoint endpoint =
                        MetricsEndpoint.start(listen, () -> PrometheusText.render(feed.families()), feed::healthy);
                CleanupOnExit stop = session.cleanups().register("metrics-endpoint", () -> {
                    endpoint.close();
                    log(session, "stopped");
                })) {
            // the address asked for, with the port bound (a wildcard would read back as [::])
            InetSocketAddress bound = new InetSocketAddress(
                    listen.getAddress(), endpoint.address().getPort());
            log(session, "serving metrics on http://" + ListenText.of(bound) + "/metrics (Ctrl-C to stop)");
            feed.run();
            return ExitCode.OK; // not reached: run ends only by interruption
        } catch (InterruptedException e) {
            return ExitCode.INTERRUPTED;
        }
    }

    private static List<SourceUsage> read(
            Session session, Set<IpamSource> only, java.util.function.Consumer<String> warn) {
        IpamInventory inventory = IpamInventory.load(session.client(), only, IpamInventory.Purpose.ROWS, warn);
        List<SourceUsage> usages = inventory.usages();
        usages.forEach(u -> u.warnings().forEach(warn));
        return usages;
    }

    /** One line of the server's log on stderr, with the time (it runs for days, often under kubectl logs). */
    private static void log(Session session, String line) {
        session.err().println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + SafeText.printable(line));
        session.err().flush();
    }
}
