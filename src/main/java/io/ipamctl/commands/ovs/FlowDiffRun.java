package io.ipamctl.commands.ovs;

import io.ipamctl.DnsNames;
import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.AntreaAgents;
import io.ipamctl.kube.FlowQuery;
import io.ipamctl.kube.NodeFanOut;
import io.ipamctl.output.FlowDiffView;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.ovs.FlowDiff;
import io.ipamctl.ovs.OvsFlow;
import io.ipamctl.ovs.OvsParseException;
import io.ipamctl.ovs.SavedFlows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `ovs flows --diff A [B]`: A and B are nodes (their flows now) or dumps saved with
 * `ovs flows -o json`. One dump alone is compared with the same nodes now. A dump holding several
 * nodes is compared node by node with another dump, or with a node by that node's name.
 */
final class FlowDiffRun {

    /** A dump is at most this big (about 700k flows). */
    static final long MAX_DUMP_BYTES = 256L << 20;

    /** One side as given: a node, or a saved dump. */
    record SideArg(String text, String node, SavedFlows saved) {
        boolean isFile() {
            return saved != null;
        }

        String label() {
            return isFile() ? Path.of(text).getFileName().toString() : node;
        }
    }

    /** One comparison: the node both sides are of (null for two nodes), and the node each side's flows are of. */
    private record Pair(String node, String leftNode, String rightNode) {
        List<String> nodes() {
            return java.util.stream.Stream.of(node, leftNode, rightNode)
                    .filter(java.util.Objects::nonNull)
                    .toList();
        }
    }

    private final Session session;
    private final FlowQuery query;
    private final AntreaAgents agents;

    FlowDiffRun(Session session, FlowQuery query, AntreaAgents agents) {
        this.session = session;
        this.query = query;
        this.agents = agents;
    }

    /** A node name, or a file: an existing path, or a text with a path separator or ending in .json. */
    static SideArg side(Session session, String text) {
        Path path = session.environment().resolve(Path.of(text));
        boolean file = Files.exists(path) || text.endsWith(".json") || text.contains("/");
        if (!file) {
            if (!DnsNames.isSubdomain(text)) {
                throw IpamctlException.invalid(
                        "--diff takes node names or dumps saved with ipamctl ovs flows -o json, got \""
                                + SafeText.printable(text) + "\"");
            }
            return new SideArg(text, text, null);
        }
        if (!Files.isRegularFile(path)) {
            throw IpamctlException.invalid(
                    "file " + SafeText.printable(text) + (Files.exists(path) ? " is not a file" : " does not exist"));
        }
        try {
            if (Files.size(path) > MAX_DUMP_BYTES) {
                throw IpamctlException.invalid(SafeText.printable(text) + " is bigger than " + (MAX_DUMP_BYTES >> 20)
                        + " MiB; a flow dump is smaller");
            }
            return new SideArg(text, null, SavedFlows.parse(Files.readString(path, StandardCharsets.UTF_8)));
        } catch (OvsParseException e) {
            throw IpamctlException.invalid(SafeText.printable(text) + " is not a saved flow dump: " + e.getMessage()
                    + " (save one with: ipamctl ovs flows -o json)");
        } catch (IOException e) {
            throw IpamctlException.invalid("cannot read " + SafeText.printable(text) + ": " + e.getMessage());
        }
    }

    int run(List<SideArg> sides, List<String> onlyNodes, OutputFormat format, boolean headers) {
        SideArg left = sides.get(0);
        SideArg right = sides.size() > 1 ? sides.get(1) : null;
        List<String> liveNodes = new ArrayList<>();
        List<Pair> pairs = pairs(left, right, onlyNodes, liveNodes);
        Map<String, FlowQuery.Dump> live = liveDumps(liveNodes);
        List<FlowDiff> diffs = new ArrayList<>();
        for (Pair pair : pairs) {
            FlowDiff.Side l = side(left, pair.leftNode(), live);
            FlowDiff.Side r = right != null
                    ? side(right, pair.rightNode(), live)
                    : new FlowDiff.Side(
                            "now",
                            live.get(pair.node()).flows(),
                            live.get(pair.node()).ports());
            diffs.add(FlowDiff.of(pair.node(), filtered(l, live, pair), filtered(r, live, pair)));
        }
        FlowDiffView view = new FlowDiffView(diffs);
        if (format == OutputFormat.TABLE && !view.differ()) {
            // nothing to tabulate: the verdict lines alone
            view.summary()
                    .forEach(line ->
                            session.out().println(session.printer().ansi().paint(line.text(), line.style())));
            session.out().flush();
        } else {
            session.printer().print(view, format, headers);
        }
        return view.differ() ? ExitCode.THRESHOLD : ExitCode.OK;
    }

    /**
     * The comparisons to make; the nodes whose flows are read now go to live.
     * A dump is compared node by node with another dump or with the same nodes now; with a node, a
     * dump gives that node's flows, or its only node's.
     */
    private List<Pair> pairs(SideArg left, SideArg right, List<String> onlyNodes, List<String> live) {
        List<Pair> pairs = new ArrayList<>();
        if (right == null) {
            if (!left.isFile()) {
                throw IpamctlException.invalid(
                        "--diff with one side compares a saved dump with now; to compare nodes, name "
                                + "two: --diff node-01 node-02");
            }
            for (String n : nodesOf(left, onlyNodes)) {
                pairs.add(new Pair(n, n, n));
                live.add(n);
            }
        } else if (left.isFile() && right.isFile()) {
            for (String n : nodesOf(left, onlyNodes)) {
                if (right.saved().flows().containsKey(n)) {
                    pairs.add(new Pair(n, n, n));
                }
            }
            if (pairs.isEmpty()) {
                throw IpamctlException.invalid(SafeText.printable(left.text()) + " and "
                        + SafeText.printable(right.text()) + " hold no node in common");
            }
        } else {
            String leftNode = left.isFile() ? nodeIn(left, right.node()) : left.node();
            String rightNode = right.isFile() ? nodeIn(right, left.node()) : right.node();
            pairs.add(new Pair(null, leftNode, rightNode));
            for (SideArg s : List.of(left, right)) {
                if (!s.isFile() && !live.contains(s.node())) {
                    live.add(s.node());
                }
            }
        }
        return pairs;
    }

    private static List<String> nodesOf(SideArg dump, List<String> onlyNodes) {
        List<String> nodes = new ArrayList<>(dump.saved().flows().keySet());
        if (!onlyNodes.isEmpty()) {
            for (String n : onlyNodes) {
                if (!nodes.contains(n)) {
                    throw IpamctlException.invalid(SafeText.printable(dump.text()) + " holds no flows of node "
                            + SafeText.printable(n) + " (it has " + String.join(", ", nodes) + ")");
                }
            }
            nodes.retainAll(onlyNodes);
        }
        if (nodes.isEmpty()) {
            throw IpamctlException.invalid(SafeText.printable(dump.text()) + " holds no flows");
        }
        return nodes;
    }

    /** The dump's flows of that node, or of its only node. */
    private static String nodeIn(SideArg dump, String node) {
        if (dump.saved().flows().containsKey(node)) {
            return node;
        }
        if (dump.saved().flows().size() == 1) {
            return dump.saved().flows().keySet().iterator().next();
        }
        throw IpamctlException.invalid(SafeText.printable(dump.text()) + " holds the flows of "
                + String.join(", ", dump.saved().flows().keySet()) + ", not of " + node + ": compare it alone (--diff "
                + dump.text() + ") to see each node now");
    }

    /** Each node's flows now, read in parallel; a table unknown on a node is exit 2 as in ovs flows. */
    private Map<String, FlowQuery.Dump> liveDumps(List<String> nodes) {
        Map<String, FlowQuery.Dump> out = new LinkedHashMap<>();
        if (nodes.isEmpty()) {
            return out;
        }
        List<AntreaAgents.Lookup> targets = nodes.stream().map(agents::forNode).toList();
        List<NodeFanOut.Outcome<FlowQuery.Dump>> outcomes =
                NodeFanOutProgress.run(session, "ovs flows", targets, query::dump);
        for (NodeFanOut.Outcome<FlowQuery.Dump> o : outcomes) {
            if (!o.ok()) {
                throw IpamctlException.failed("node " + o.node() + ": " + o.error());
            }
            if (o.value().tableUnknown()) {
                throw OvsFlowsCommand.unknownTable(
                        query.table(), o.node(), o.value().tables());
            }
            OvsFlowsCommand.warnMalformed(session, o.node(), o.value().malformed());
            out.put(o.node(), o.value());
        }
        return out;
    }

    private static FlowDiff.Side side(SideArg arg, String node, Map<String, FlowQuery.Dump> live) {
        if (arg.isFile()) {
            return new FlowDiff.Side(
                    arg.label(),
                    arg.saved().flows().get(node),
                    arg.saved().ports().getOrDefault(node, Map.of()));
        }
        FlowQuery.Dump d = live.get(node);
        return new FlowDiff.Side(arg.label(), d.flows(), d.ports());
    }

    /** A saved side keeps what the same filter keeps now (the table as the node now names it, the IP). */
    private FlowDiff.Side filtered(FlowDiff.Side s, Map<String, FlowQuery.Dump> live, Pair pair) {
        FlowQuery.Dump reference = live.values().stream().findFirst().orElse(null);
        for (String n : pair.nodes()) {
            if (live.containsKey(n)) {
                reference = live.get(n);
            }
        }
        List<OvsFlow> kept = s.flows().stream()
                .filter(reference == null ? query.savedFilter() : reference.filter())
                .toList();
        return new FlowDiff.Side(s.label(), kept, s.ports());
    }
}
