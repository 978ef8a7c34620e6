package io.ipamctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void helpTypeAndSamplesWithEscapedLabelValues() {
        MetricFamily f = MetricFamily.gauge("ipamctl_pool_fill_ratio", "Used / capacity.\nA back\\slash.")
                .with(0.5, "source", "whereabouts", "pool", "ns/a\"b\\c\nd")
                .with(1);
        assertEquals("""
                # HELP ipamctl_pool_fill_ratio Used / capacity.\\nA back\\\\slash.
                # TYPE ipamctl_pool_fill_ratio gauge
                ipamctl_pool_fill_ratio{source="whereabouts",pool="ns/a\\"b\\\\c\\nd"} 0.5
                ipamctl_pool_fill_ratio 1
                """, PrometheusText.render(List.of(f)));
    }

    @Test
    void countersAreTypedAsCounters() {
        assertEquals(
                "# HELP ipamctl_metrics_updates_total Reads.\n# TYPE ipamctl_metrics_updates_total counter\n"
                        + "ipamctl_metrics_updates_total 3\n",
                PrometheusText.render(List.of(MetricFamily.counter("ipamctl_metrics_updates_total", "Reads.")
                        .with(3))));
    }

    @Test
    void valuesAsGoParsesThem() {
        assertEquals("0", PrometheusText.value(0));
        assertEquals("65534", PrometheusText.value(65534));
        assertEquals("9007199254740992", PrometheusText.value(0x1p53)); // whole numbers exact up to 2^53
        assertEquals("1.8446744073709552e+19", PrometheusText.value(0x1p64)); // an IPv6 /64's addresses
        assertEquals("0.975", PrometheusText.value(0.975));
        assertEquals("0.3333333333333333", PrometheusText.value(1.0 / 3));
        assertEquals("1.0e-7", PrometheusText.value(1e-7));
        assertEquals("-1", PrometheusText.value(-1));
        assertEquals("NaN", PrometheusText.value(Double.NaN));
        assertEquals("+Inf", PrometheusText.value(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.value(Double.NEGATIVE_INFINITY));
    }

    @Test
    void labelsComeInPairs() {
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> MetricFamily.gauge("x", "y").with(1, "source"));
    }
}
