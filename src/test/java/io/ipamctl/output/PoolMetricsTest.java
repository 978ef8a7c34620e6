package io.ipamctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.ipam.Fill;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.Problem;
import io.ipamctl.ipam.SourceUsage;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolMetricsTest {

    private static SourceUsage pool(IpamSource source, String namespace, String name, BigInteger total, long used) {
        return new SourceUsage(
                source,
                name,
                namespace,
                "pool " + name,
                "v1",
                List.of("r"),
                null,
                null,
                null,
                null,
                new Fill(total, used),
                null,
                List.of(),
                null);
    }

    @Test
    void capacityUsedFreeAndTheExactFillOfEachPool() {
        String text = PrometheusText.render(PoolMetrics.usage(List.of(
                pool(IpamSource.ANTREA, null, "pool-ap", BigInteger.valueOf(2000), 1999),
                pool(IpamSource.WHEREABOUTS, "kube-system", "fd00-64", BigInteger.ONE.shiftLeft(64), 3),
                pool(IpamSource.ANTREA, null, "slash-32", BigInteger.ZERO, 0),
                pool(IpamSource.NODE, null, "node-01", BigInteger.valueOf(2), 3))));
        assertEquals("""
                # HELP ipamctl_pool_capacity_addresses Addresses the pool can hand out (TOTAL of ipamctl pool usage).
                # TYPE ipamctl_pool_capacity_addresses gauge
                ipamctl_pool_capacity_addresses{source="antrea",pool="pool-ap"} 2000
                ipamctl_pool_capacity_addresses{source="whereabouts",pool="kube-system/fd00-64"} 1.8446744073709552e+19
                ipamctl_pool_capacity_addresses{source="antrea",pool="slash-32"} 0
                ipamctl_pool_capacity_addresses{source="node",pool="node-01"} 2
                # HELP ipamctl_pool_addresses Addresses of the pool by state: used (allocated) or free; used + free = capacity unless over-allocated.
                # TYPE ipamctl_pool_addresses gauge
                ipamctl_pool_addresses{source="antrea",pool="pool-ap",state="used"} 1999
                ipamctl_pool_addresses{source="antrea",pool="pool-ap",state="free"} 1
                ipamctl_pool_addresses{source="whereabouts",pool="kube-system/fd00-64",state="used"} 3
                ipamctl_pool_addresses{source="whereabouts",pool="kube-system/fd00-64",state="free"} 1.8446744073709552e+19
                ipamctl_pool_addresses{source="antrea",pool="slash-32",state="used"} 0
                ipamctl_pool_addresses{source="antrea",pool="slash-32",state="free"} 0
                ipamctl_pool_addresses{source="node",pool="node-01",state="used"} 3
                ipamctl_pool_addresses{source="node",pool="node-01",state="free"} 0
                # HELP ipamctl_pool_fill_ratio Used addresses / capacity, exact (0-1; 1 for a pool that can hand out no address).
                # TYPE ipamctl_pool_fill_ratio gauge
                ipamctl_pool_fill_ratio{source="antrea",pool="pool-ap"} 0.9995
                ipamctl_pool_fill_ratio{source="whereabouts",pool="kube-system/fd00-64"} 1.6263032587282567e-19
                ipamctl_pool_fill_ratio{source="antrea",pool="slash-32"} 1
                ipamctl_pool_fill_ratio{source="node",pool="node-01"} 1.5
                """, text);
    }

    @Test
    void noPoolsStillDeclaresTheMetrics() {
        assertEquals(
                List.of(0, 0, 0),
                PoolMetrics.usage(List.of()).stream()
                        .map(f -> f.samples().size())
                        .toList());
    }

    @Test
    void problemsByKindOfEverySourceCheckedZerosIncluded() {
        List<MetricFamily> f = PoolMetrics.problems(
                List.of(IpamSource.WHEREABOUTS),
                List.of(
                        new Problem(
                                Problem.Kind.LEAKED,
                                IpamSource.WHEREABOUTS,
                                "p",
                                "192.168.20.13",
                                "default/pod-gone",
                                "d"),
                        new Problem(
                                Problem.Kind.LEAKED,
                                IpamSource.WHEREABOUTS,
                                "p",
                                "192.168.20.14",
                                "default/pod-gone2",
                                "d"),
                        new Problem(Problem.Kind.OVERLAP, IpamSource.ANTREA, "p", null, null, "d")));
        String text = PrometheusText.render(f);
        assertEquals(2 + 2 * Problem.Kind.values().length, text.lines().count(), text);
        org.junit.jupiter.api.Assertions.assertTrue(
                text.contains("ipamctl_pool_check_problems{source=\"whereabouts\",kind=\"leaked\"} 2\n"
                        + "ipamctl_pool_check_problems{source=\"whereabouts\",kind=\"unrecorded\"} 0\n"),
                text);
        org.junit.jupiter.api.Assertions.assertTrue(
                text.contains("ipamctl_pool_check_problems{source=\"antrea\",kind=\"overlap\"} 1\n"), text);
    }
}
