package io.ipamctl.commands.trace;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.commands.AntreaNamespaceOption;
import io.ipamctl.commands.DurationConverter;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.commands.UsageError;
import io.ipamctl.commands.ValueForms;
import io.ipamctl.kube.LocalTraceRunner;
import io.ipamctl.kube.OvsReader;
import io.ipamctl.kube.TraceflowRunner;
import io.ipamctl.output.LocalTraceView;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.ProgressLine;
import io.ipamctl.output.TraceflowView;
import io.ipamctl.trace.TracePacket;
import io.ipamctl.trace.TraceRequest;
import io.ipamctl.trace.TraceResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "trace",
        header = "Trace a packet from a Pod through the cluster (Antrea Traceflow) and show its path.",
        synopsisHeading = "Usage: ",
        customSynopsis = {
            "ipamctl trace SRC DST [--protocol PROTO] [--src-port PORT] [--dst-port PORT]",
            "              [--tcp-flags FLAGS] [--live [--dropped-only]] [--timeout DURATION]",
            "              [--keep] [--local] [-o FORMAT]",
            "       ipamctl trace list [-o FORMAT]",
            "       ipamctl trace delete NAME...|--all [--dry-run[=MODE]]"
        },
        synopsisSubcommandLabel = "",
        description = {
            "Creates an Antrea Traceflow (traceflows.crd.antrea.io), waits until Antrea reports the "
                    + "packet's path, and prints one row per observation, grouped by node from the sender on, then "
                    + "the verdict: Delivered, Dropped or Rejected (with the NetworkPolicy when Antrea names it), "
                    + "Forwarded out of the cluster, Failed, or Timed out. The Traceflow is deleted afterwards, "
                    + "also on errors and Ctrl-C, unless --keep is given: trace list shows the Traceflows ipamctl "
                    + "kept (or could not delete), trace delete deletes them.",
            "SRC is a Pod: NAMESPACE/POD, or POD in -n (default: the context's namespace). DST is a Pod "
                    + "(NAMESPACE/POD, or POD in SRC's namespace), an IP address, or a Service: svc/NAMESPACE/NAME. "
                    + "A Pod named list or delete, or named like an address (10.0.0.5), is written with its "
                    + "namespace: default/list.",
            "The packet is ICMP unless --protocol says otherwise (TCP when a port or --tcp-flags is given). A "
                    + "Traceflow carries TCP and UDP ports; SCTP ports and protocol 0 need --local.",
            "Output: table (default), wide (adds TIME), json, yaml. The json/yaml schema is ipamctl/v1 "
                    + "TraceResult: traceflow, kept, source and destination {kind, namespace, name, ip}, packet, "
                    + "liveTraffic, droppedOnly, timeoutSeconds, phase, reason, verdict {result, text, node, "
                    + "component, componentInfo, networkPolicy, networkPolicyRule, target}, results [{node, "
                    + "timestamp, observations}] with Antrea's observation fields, capturedPacket.",
            "--local asks no controller: it runs `ovs-appctl ofproto/trace br-int FLOW` in the antrea-ovs "
                    + "container of the source Pod's node, FLOW built from the Pod's OVS port (port, MAC, IP) "
                    + "towards the destination Pod's MAC when it is on that node, else the gateway's, with the "
                    + "protocol's own fields (tcp_dst, udp_dst, sctp_dst, icmp_type ...). It shows TABLE, PRIORITY, "
                    + "MATCHED FLOW, ACTIONS per OpenFlow table and the datapath's verdict (-o json/yaml: "
                    + "ipamctl/v1 LocalTraceResult)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl trace default/frontend default/backend2 --protocol tcp --dst-port 80",
            "  ipamctl trace frontend backend1 -n default            # ICMP, same node",
            "  ipamctl trace default/frontend 10.211.2.30 --protocol udp --dst-port 53",
            "  ipamctl trace frontend backend1 --live --dropped-only --timeout 10m",
            "  ipamctl trace default/frontend default/backend1 --local --protocol tcp --dst-port 80",
            "  ipamctl trace default/frontend 10.211.2.30 --local --protocol udp --dst-port 53"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Delivered, or forwarded out of the cluster",
            "1:the trace failed or timed out, or the server failed",
            "2:bad usage or invalid input (nothing was created)",
            "3:the packet was dropped or rejected",
            "130:interrupted (the Traceflow is deleted first)"
        })
public final class TraceCommand implements Callable<Integer> {

    // optional for picocli only, so that `trace list` and `trace delete` are not refused for a missing SRC
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "SRC",
            completionCandidates = LiveName.Pods.class,
            description = "The source Pod: NAMESPACE/POD or POD.")
    String source;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "DST",
            completionCandidates = LiveName.Pods.class,
            description = "The destination: NAMESPACE/POD, POD, an IP address, or svc/NAMESPACE/SERVICE.")
    String destination;

    @Option(
            names = "--protocol",
            paramLabel = "PROTO",
            completionCandidates = TracePacket.Protocols.class,
            converter = ValueForms.Protocol.class,
            description = "tcp, udp, sctp, icmp or an IP protocol number 0-255 (default: icmp; tcp with ports or "
                    + "--tcp-flags).")
    String protocol;

    @Option(
            names = "--dst-port",
            paramLabel = "PORT",
            converter = ValueForms.Port.class,
            description = "TCP, UDP or SCTP (--local) destination port (1-65535).")
    Integer dstPort;

    @Option(
            names = "--src-port",
            paramLabel = "PORT",
            converter = ValueForms.Port.class,
            description = "TCP, UDP or SCTP (--local) source port (1-65535).")
    Integer srcPort;

    @Option(
            names = "--tcp-flags",
            paramLabel = "FLAGS",
            converter = ValueForms.TcpFlags.class,
            description = "TCP flags: a number 0-255 or names such as SYN or SYN,ACK (default: left to Antrea).")
    String tcpFlags;

    @Option(
            names = "--live",
            description = "Trace the first matching packet of live traffic instead of an injected one.")
    boolean live;

    @Option(names = "--dropped-only", description = "With --live: capture only a packet that gets dropped.")
    boolean droppedOnly;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "20s",
            converter = DurationConverter.class,
            description = "How long to wait for the result, at most 12h; Antrea itself stops after 300s at most "
                    + "(default: ${DEFAULT-VALUE}, as Antrea).")
    Duration timeout;

    @Option(
            names = "--keep",
            description =
                    "Keep the Traceflow afterwards (its name is printed on stderr; see trace list, " + "trace delete).")
    boolean keep;

    @Mixin
    OutputOptions output = new OutputOptions(
            OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.WIDE, OutputFormat.JSON, OutputFormat.YAML);

    @Option(
            names = "--local",
            description = "Trace on the source node's OVS with ofproto/trace instead of a Traceflow.")
    boolean local;

    /** With --local: where the agent Pods run, whose OVS traces the packet. */
    @Mixin
    AntreaNamespaceOption antrea = new AntreaNamespaceOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (source == null || destination == null) {
            // SRC and DST are optional for picocli only (see above): said as for any missing argument
            throw UsageError.of(
                    spec,
                    "missing argument" + (source == null ? "s SRC DST" : " DST") + ": " + spec.qualifiedName()
                            + " takes SRC DST");
        }
        List<String> problems = new ArrayList<>();
        TraceRequest.Endpoint src = TraceArguments.source(source, problems);
        TraceRequest.Endpoint dst = TraceArguments.destination(destination, problems);
        TracePacket packet = TraceArguments.packet(protocol, srcPort, dstPort, tcpFlags, live, problems);
        if (droppedOnly && !live) {
            problems.add("--dropped-only works only with --live");
        }
        TraceArguments.checkTimeout(timeout, problems);
        if (local && (live || keep)) {
            problems.add("--local traces a synthetic packet on one node; it cannot be combined with --live or --keep");
        }
        if (!local) {
            TraceArguments.checkTraceflowPacket(packet, problems);
        }
        if (local && dst != null && dst.kind() == TraceRequest.Kind.SERVICE) {
            problems.add("--local traces to a Pod or an IP; a Service needs the controller's trace (drop --local)");
        }
        if (!problems.isEmpty()) {
            throw IpamctlException.invalid(problems);
        }
        OutputFormat format = output.format();
        Session session = IpamctlCommand.session(spec);
        src = src.inNamespace(session.namespace());
        TraceRequest request =
                new TraceRequest(src, dst.inNamespace(src.namespace()), packet, live, droppedOnly, timeout, keep);
        if (local) {
            return traceLocally(session, request, format);
        }
        if (request.timeout().compareTo(TraceRequest.ANTREA_MAX_TIMEOUT) > 0) {
            session.warn("Antrea ends a Traceflow after " + TraceRequest.ANTREA_MAX_TIMEOUT.toSeconds()
                    + "s at most (the limit of its CRD), whatever --timeout says");
        }
        TraceResult result;
        try (ProgressLine progress = session.progressLine()) {
            result =
                    new TraceflowRunner(session.client(), session.cleanups(), listener(session, progress)).run(request);
        }
        if (result.kept()) {
            session.err()
                    .println("kept Traceflow " + result.traceflow() + " (delete it with: "
                            + session.commandLine("trace delete " + result.traceflow()) + ")");
            session.err().flush();
        }
        session.printer().print(new TraceflowView(result), format, output.headers());
        return switch (result.verdict().result()) {
            case DELIVERED, FORWARDED_OUT_OF_NETWORK -> ExitCode.OK;
            case DROPPED, REJECTED -> ExitCode.THRESHOLD; // a meaningful "no", as for pool usage --threshold
            case FAILED, TIMED_OUT, INCOMPLETE -> ExitCode.ERROR;
        };
    }

    private int traceLocally(Session session, TraceRequest request, OutputFormat format) {
        OvsReader ovs = new OvsReader(session.nodeExec(), session.requestTimeout());
        LocalTraceView view =
                new LocalTraceView(new LocalTraceRunner(session.client(), ovs, antrea.agents(session)).run(request));
        session.printer().print(view, format, output.headers());
        return view.dropped() ? ExitCode.THRESHOLD : ExitCode.OK;
    }

    /**
     * `trace frontend list` and `trace list backend1` are read by picocli as the list subcommand; a Pod
     * named list (or delete) is written with its namespace, and this says so instead of listing.
     */
    static void refuseAPodNamedLikeASubcommand(String subcommand, TraceCommand trace, List<String> extra) {
        if ((trace != null && trace.source != null) || !extra.isEmpty()) {
            throw IpamctlException.invalid(
                    "trace " + subcommand + " is a command of its own; to trace from or to a Pod named " + subcommand
                            + ", write it with its namespace, e.g. default/" + subcommand);
        }
    }

    /** How far Antrea has come on the progress line; a Traceflow left behind is a warning. */
    private static TraceflowRunner.Listener listener(Session session, ProgressLine progress) {
        return new TraceflowRunner.Listener() {
            @Override
            public void progress(String text) {
                progress.show("trace: " + text);
            }

            @Override
            public void notDeleted(String traceflow, String reason) {
                progress.close();
                session.warn("could not delete Traceflow " + traceflow + ": " + reason + " (delete it with: "
                        + session.commandLine("trace delete " + traceflow) + ")");
            }
        };
    }
}
