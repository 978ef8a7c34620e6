package io.ipamctl.commands.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.ipamctl.commands.docs.CommandModel;
import picocli.CommandLine;

/** Which live names TAB in the shell asks for, read from the same command model as the completion scripts. */
class LiveNameSlotTest {

    private static final CommandLine TREE = CommandModel.fullTree();

    private static Optional<LiveNameSlot> at(String word, String... before) {
        return LiveNameSlot.of(TREE, List.of(before), word);
    }

    @Test
    void positionalValuesByTheirLabels() {
        assertEquals(Optional.of(new LiveNameSlot("pools", "po", "")), at("po", "pool", "usage"));
        assertEquals(Optional.of(new LiveNameSlot("pools", "", "")), at("", "pool", "usage", "pool-ap"));
        assertEquals(Optional.of(new LiveNameSlot("namespaces", "ns-", "")), at("ns-", "ns", "bind"));
        assertEquals(Optional.of(new LiveNameSlot("ippools", "", "")), at("", "ns", "bind", "ns-ap"));
        assertEquals(Optional.of(new LiveNameSlot("pods", "db", "")), at("db", "-n", "ns-db", "pod", "pin-ip"));
    }

    @Test
    void optionValuesAlsoWrittenWithEquals() {
        assertEquals(Optional.of(new LiveNameSlot("namespaces", "", "")), at("", "pod", "pin-ip", "-n"));
        assertEquals(Optional.of(new LiveNameSlot("ippools", "pool-", "")), at("pool-", "pod", "pin-ip", "db-02", "--pool"));
        assertEquals(Optional.of(new LiveNameSlot("ippools", "pool-d", "--pool=")), at("--pool=pool-d", "pod", "pin-ip"));
        assertEquals(Optional.of(new LiveNameSlot("nodes", "", "")), at("", "ovs", "show", "--node"));
    }

    @Test
    void nothingWhereNoLiveNameBelongs() {
        assertEquals(Optional.empty(), at("", "pool", "create"), "the NAME of a new pool");
        assertEquals(Optional.empty(), at("", "pod", "pin-ip", "db-02"), "the IP");
        assertEquals(Optional.empty(), at("--al", "pool", "usage"), "an option name");
        assertEquals(Optional.empty(), at("po"), "a command name");
    }
}
