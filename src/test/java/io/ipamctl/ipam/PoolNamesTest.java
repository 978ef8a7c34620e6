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
        for (String arg : new String[] {"192.168.20.0-24", "kube-system/192.168.20.0-24", "whereabouts/kube-system/192.168.20.0-24",
            "whereabouts/192.168.20.0-24"}) {
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
        assertEquals("whereabouts/kube-system/192.168.20.0-24", PoolNames.full(IpamSource.WHEREABOUTS, "kube-system/192.168.20.0-24"));
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
}
