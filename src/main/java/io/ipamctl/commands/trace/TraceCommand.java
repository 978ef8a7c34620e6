package io.ipamctl.commands.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.commands.DurationConverter;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.commands.ValueForms;
import io.ipamctl.kube.AntreaAgents;
import io.ipamctl.kube.LocalTraceRunner;
import io.ipamctl.kube.OvsReader;
import io.ipamctl.kube.TracePacket;
import io.ipamctl.kube.TraceRequest;
import io.ipamctl.kube.TraceResult;
import io.ipamctl.kube.TraceflowRunner;
import io.ipamctl.output.LocalTraceView;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.TraceflowView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "trace",
        header = "Trace a packet from a Pod through the cluster (Antrea Traceflow) and show its path.",
        description = {
            "Creates an Antrea Traceflow (traceflows.crd.antrea.io), waits until Antrea reports the "
                    + "packet's path, and prints one row per observation, grouped by node from the sender on, then "
                    + "the verdict: Delivered, Dropped or Rejected (with the NetworkPolicy when Antrea names it), "
                    + "Forwarded out of the cluster, Failed, or Timed out. The Traceflow is deleted afterwards, "
                    + "also on errors and Ctrl-C, unless --keep is given.",
            "SRC is a Pod: NAMESPACE/POD, or POD in -n (default: the context's namespace). DST is a Pod "
                    + "(NAMESPACE/POD, or POD in SRC's namespace), an IP address, or a Service: svc/NAMESPACE/NAME. "
                    + "The packet is ICMP unless --protocol says otherwise (TCP when a port or --tcp-flags is "
                    + "given).",
            "Output: table (default), wide (adds TIME), json, yaml. The json/yaml schema is ipamctl/v1 "
                    + "TraceResult: traceflow, kept, source and destination {kind, namespace, name, ip}, packet, "
                    + "liveTraffic, droppedOnly, timeoutSeconds, phase, reason, verdict {result, text, node, "
                    + "component, componentInfo, networkPolicy, networkPolicyRule, target}, results [{node, "
                    + "timestamp, observations}] with Antrea's observation fields, capturedPacket.",
            "--local asks no controller: it runs `ovs-appctl ofproto/trace br-int FLOW` in the antrea-ovs "
                    + "container of the source Pod's node, FLOW built from the Pod's OVS port (port, MAC, IP) "
                    + "towards the gateway MAC, and shows TABLE, PRIORITY, MATCHED FLOW, ACTIONS per OpenFlow table "
                    + "and the datapath's verdict (-o json/yaml: ipamctl/v1 LocalTraceResult)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl trace default/frontend default/backend2 --protocol tcp --dst-port 80",
            "  ipamctl trace frontend backend1 -n default            # ICMP, same node",
            "  ipamctl trace default/frontend 10.211.2.30 --protocol udp --dst-port 53",
            "  ipamctl trace frontend backend1 --live --dropped-only --timeout 10m",
            "  ipamctl trace default/frontend default/backend1 --local --protocol tcp --dst-port 80"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Delivered, or forwarded out of the cluster",
            "1:the trace failed or timed out, or the server failed",
            "2:bad usage or invalid input (nothing was created)",
            "3:the packet was dropped or rejected",
            "130:interrupted (the Traceflow is deleted first)"})
public final class TraceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SRC", completionCandidates = LiveName.Pods.class, description = "The source Pod: NAMESPACE/POD or POD.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", completionCandidates = LiveName.Pods.class,
            description = "The destination: NAMESPACE/POD, POD, an IP address, or svc/NAMESPACE/SERVICE.")
    String destination;

    @Option(names = "--protocol", paramLabel = "PROTO", completionCandidates = TracePacket.Protocols.class,
            converter = ValueForms.Protocol.class,
            description = "tcp, udp, icmp or an IP protocol number (default: icmp; tcp with ports or --tcp-flags).")
    String protocol;

    @Option(names = "--dst-port", paramLabel = "PORT", converter = ValueForms.Port.class, description = "TCP/UDP destination port (1-65535).")
    Integer dstPort;

    @Option(names = "--src-port", paramLabel = "PORT", converter = ValueForms.Port.class, description = "TCP/UDP source port (1-65535).")
    Integer srcPort;

    @Option(names = "--tcp-flags", paramLabel = "FLAGS",
            description = "TCP flags: a number 0-255 or names such as SYN or SYN,ACK (default: left to Antrea).")
    String tcpFlags;

    @Option(names = "--live", description = "Trace the first matching packet of live traffic instead of an injected one.")
    boolean live;

    @Option(names = "--dropped-only", description = "With --live: capture only a packet that gets dropped.")
    boolean droppedOnly;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "20s", converter = DurationConverter.class,
            description = "How long to wait for the result, at most 12h; Antrea itself stops after 300s at most "
                    + "(default: ${DEFAULT-VALUE}, as Antrea).")
    Duration timeout;

    @Option(names = "--keep", description = "Keep the Traceflow afterwards (its name is printed on stderr).")
    boolean keep;

    @Mixin
    OutputOptions output = new OutputOptions(
            OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.WIDE, OutputFormat.JSON, OutputFormat.YAML);

    @Option(names = "--local", description = "Trace on the source node's OVS with ofproto/trace instead of a Traceflow.")
    boolean local;

    @Option(names = "--antrea-namespace", paramLabel = "NS", defaultValue = AntreaAgents.DEFAULT_NAMESPACE,
            description = "With --local: namespace of the Antrea agent Pods (default: ${DEFAULT-VALUE}).")
    String antreaNamespace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        TraceRequest.Endpoint src = TraceRequest.parseSource(source, problems);
        TraceRequest.Endpoint dst = TraceRequest.parseDestination(destination, problems);
        TracePacket packet = TracePacket.parse(protocol, srcPort, dstPort, tcpFlags, live, problems);
        if (droppedOnly && !live) {
            problems.add("--dropped-only works only with --live");
        }
        TraceRequest.checkTimeout(timeout, problems);
        if (local && (live || keep)) {
            problems.add("--local traces a synthetic packet on one node; it cannot be combined with --live or --keep");
        }
        if (!problems.isEmpty()) {
            throw IpamctlException.invalid(problems);
        }
        OutputFormat format = output.format();
        Session session = IpamctlCommand.session(spec);
        src = src.inNamespace(session.namespace());
        TraceRequest request = new TraceRequest(src, dst.inNamespace(src.namespace()), packet, live, droppedOnly,
                timeout, keep);
        if (local) {
            return traceLocally(session, request, format);
        }
        TraceResult result = new TraceflowRunner(session.client(), session.cleanups(), progress(session), session::warn).run(request);
        if (result.kept()) {
            session.err().println("kept Traceflow " + result.traceflow() + " (delete it with: kubectl delete traceflow "
                    + result.traceflow() + ")");
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
        LocalTraceView view = new LocalTraceView(new LocalTraceRunner(session.client(), ovs, antreaNamespace).run(request));
        session.printer().print(view, format, output.headers());
        return view.dropped() ? ExitCode.THRESHOLD : ExitCode.OK;
    }

    /** Progress lines on stderr, only when a person watches a terminal. */
    private static Consumer<String> progress(Session session) {
        if (!session.environment().stdoutTerminal()) {
            return line -> { };
        }
        return line -> {
            session.err().println("trace: " + line);
            session.err().flush();
        };
    }
}
