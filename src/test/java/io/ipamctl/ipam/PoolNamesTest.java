package io.ipamctl.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The names POOL arguments take: plain, NAMESPACE/NAME, and SOURCE/... as -o name prints them. */
class PoolNamesTest {

    @Test
    void everyFormNamesThePool() {
        for (String arg : new String[] {
            "192.168.20.0-24",
            "kube-system/192.168.20.0-24",
            "whereabouts/kube-system/192.168.20.0-24",
            "whereabouts/192.168.20.0-24"
        }) {
            assertTrue(PoolNames.matches(IpamSource.WHEREABOUTS, "kube-system", "192.168.20.0-24", arg), arg);
        }
        assertTrue(PoolNames.matches(IpamSource.ANTREA, null, "pool-ap", "antrea/pool-ap"));
        assertTrue(PoolNames.matches(IpamSource.NODE, null, "node-01", "node/node-01"));
    }

    @Test
    void anotherSourcesPrefixDoesNot() {
        assertFalse(PoolNames.matches(IpamSource.ANTREA, null, "pool-ap", "node/pool-ap"));
        assertFalse(PoolNames.matches(IpamSource.NODE, null, "node-01", "antrea/node-01"));
        assertFalse(PoolNames.matches(IpamSource.WHEREABOUTS, "kube-system", "x", "antrea/kube-system/x"));
        assertFalse(PoolNames.matches(IpamSource.ANTREA, null, "pool-ap", "ippool/pool-ap"));
    }

    @Test
    void aNamespaceNamedLikeASourceIsStillANamespace() {
        assertTrue(PoolNames.matches(IpamSource.WHEREABOUTS, "node", "10.0.0.0-24", "node/10.0.0.0-24"));
        assertTrue(PoolNames.matches(IpamSource.NODE, null, "10.0.0.0-24", "node/10.0.0.0-24"));
    }

    @Test
    void fullNamesAreWhatMinusONamePrints() {
        assertEquals(
                "whereabouts/kube-system/192.168.20.0-24",
                PoolNames.full(IpamSource.WHEREABOUTS, "kube-system/192.168.20.0-24"));
        assertEquals(Optional.of(IpamSource.NODE), PoolNames.sourcePrefix("node/node-01"));
        assertEquals(Optional.empty(), PoolNames.sourcePrefix("kube-system/x"));
        assertEquals("pool-ap", PoolNames.withoutPrefix(IpamSource.ANTREA, "antrea/pool-ap"));
        assertEquals("pool-ap", PoolNames.withoutPrefix(IpamSource.ANTREA, "pool-ap"));
    }

    @Test
    void malformedNamesAreRefusedBeforeAnyRequest() {
        String expected = ": expected NAME, NAMESPACE/NAME or SOURCE/NAME as -o name prints it (e.g. pool-ap, "
                + "kube-system/192.168.20.0-24, antrea/pool-ap)";
        assertEquals(Optional.of("invalid pool name \"\"" + expected), PoolNames.problem(""));
        assertEquals(Optional.of("invalid pool name \"a/b/c\"" + expected), PoolNames.problem("a/b/c"));
        assertEquals(Optional.of("invalid pool name \"../pool-ap\"" + expected), PoolNames.problem("../pool-ap"));
        assertEquals(Optional.of("invalid pool name \"Pool_1\"" + expected), PoolNames.problem("Pool_1"));
        assertEquals(Optional.of("invalid pool name \"a\\x0ab\"" + expected), PoolNames.problem("a\nb"));
        assertEquals(Optional.empty(), PoolNames.problem("whereabouts/kube-system/192.168.20.0-24"));
        assertEquals(Optional.empty(), PoolNames.problem("kube-system/192.168.20.0-24"));
        assertEquals(Optional.of("invalid pool name \"node/a/b/c\"" + expected), PoolNames.problem("node/a/b/c"));
    }

    /** kubectl's TYPE/NAME names no pool here: refused before any request with the names to write instead. */
    @Test
    void kubectlTypeNameIsAnsweredWithTheNamesToWrite() {
        assertEquals(
                Optional.of("invalid pool name \"ippool/pool-ap\": write it without kubectl's \"ippool/\": pool-ap or "
                        + "antrea/pool-ap (a Whereabouts pool in namespace ippool: whereabouts/ippool/pool-ap)"),
                PoolNames.problem("ippool/pool-ap"));
        assertEquals(
                Optional.of("invalid pool name \"ipp/pool-ap\": write it without kubectl's \"ipp/\": pool-ap or "
                        + "antrea/pool-ap (a Whereabouts pool in namespace ipp: whereabouts/ipp/pool-ap)"),
                PoolNames.problem("ipp/pool-ap"));
        // a dotted type cannot be a namespace, so no Whereabouts pool is offered
        assertEquals(
                Optional.of("invalid pool name \"ippools.v1beta1.crd.antrea.io/pool-ap\": write it without kubectl's "
                        + "\"ippools.v1beta1.crd.antrea.io/\": pool-ap or antrea/pool-ap"),
                PoolNames.problem("ippools.v1beta1.crd.antrea.io/pool-ap"));
        // the full name of such a Whereabouts pool is taken
        assertEquals(Optional.empty(), PoolNames.problem("whereabouts/ippool/pool-ap"));
        assertEquals(Optional.empty(), PoolNames.problem("ippool"));
    }

    @Test
    void aNamespaceIsADnsLabel() {
        String expected = ": expected NAME, NAMESPACE/NAME or SOURCE/NAME as -o name prints it (e.g. pool-ap, "
                + "kube-system/192.168.20.0-24, antrea/pool-ap)";
        assertEquals(Optional.of("invalid pool name \"kube.system/x\"" + expected), PoolNames.problem("kube.system/x"));
        assertEquals(
                Optional.of("invalid pool name \"whereabouts/kube.system/x\"" + expected),
                PoolNames.problem("whereabouts/kube.system/x"));
        assertEquals(Optional.empty(), PoolNames.problem("whereabouts/192.168.20.0-24"));
        assertEquals(Optional.empty(), PoolNames.problem("node/node-01.example.org"));
        assertEquals(Optional.of("invalid pool name \"node/\"" + expected), PoolNames.problem("node/"));
    }
}
