package io.ipamctl.ovs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How br-int's flows differ between two sides (two nodes, or a saved dump and now): flows only on
 * one side, and flows with the same table, priority and match whose actions differ. Cookies,
 * durations and counters never count; port numbers are compared as the port names of each side.
 *
 * @param node the node both sides are of (a saved dump and now), null for two nodes
 */
public record FlowDiff(String node, String left, String right, List<Change> changes) {

    /** One side: a label (a node, or a dump and its node), its flows, and its ofport-to-name map. */
    public record Side(String label, List<OvsFlow> flows, Map<Long, String> ports) {}

    /** A flow only on the left (right actions null), only on the right (left null), or with other actions. */
    public record Change(String table, int priority, String match, String leftActions, String rightActions) {}

    public FlowDiff {
        changes = List.copyOf(changes);
    }

    public static FlowDiff of(String node, Side left, Side right) {
        Map<Key, String> l = normalised(left);
        Map<Key, String> r = normalised(right);
        Map<String, Integer> tableOrder = new HashMap<>();
        for (Key k : l.keySet()) {
            tableOrder.putIfAbsent(k.table(), tableOrder.size());
        }
        for (Key k : r.keySet()) {
            tableOrder.putIfAbsent(k.table(), tableOrder.size());
        }
        List<Change> changes = new ArrayList<>();
        l.forEach((k, actions) -> {
            String other = r.get(k);
            if (!Objects.equals(actions, other)) {
                changes.add(new Change(k.table(), k.priority(), k.match(), actions, other));
            }
        });
        r.forEach((k, actions) -> {
            if (!l.containsKey(k)) {
                changes.add(new Change(k.table(), k.priority(), k.match(), null, actions));
            }
        });
        // in pipeline order as the dumps list tables, the highest priority first, as OVS matches
        changes.sort(Comparator.comparing((Change c) -> tableOrder.get(c.table()))
                .thenComparing(Change::priority, Comparator.reverseOrder())
                .thenComparing(Change::match));
        return new FlowDiff(node, left.label(), right.label(), changes);
    }

    public long onlyLeft() {
        return changes.stream().filter(c -> c.rightActions() == null).count();
    }

    public long onlyRight() {
        return changes.stream().filter(c -> c.leftActions() == null).count();
    }

    public long changed() {
        return changes.size() - onlyLeft() - onlyRight();
    }

    private record Key(String table, int priority, String match) {}

    private static Map<Key, String> normalised(Side side) {
        PortNumbers ports = new PortNumbers(side.ports());
        Map<Key, String> out = new LinkedHashMap<>();
        for (OvsFlow f : side.flows()) {
            out.put(new Key(f.table(), f.priority(), ports.match(f.match())), ports.actions(f.actions()));
        }
        return out;
    }
}
