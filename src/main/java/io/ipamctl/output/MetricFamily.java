package io.ipamctl.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric of the Prometheus text format (-o prometheus, metrics serve): its name, HELP text, TYPE
 * and samples. Names follow the Prometheus conventions (ipamctl_ prefix, base unit as suffix, _total
 * only for counters); {@link PrometheusText} writes them.
 */
public record MetricFamily(String name, String help, Type type, List<Sample> samples) {

    public enum Type {
        GAUGE,
        COUNTER;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One line of a family: labels in the order given, and the value. */
    public record Sample(Map<String, String> labels, double value) {

        public Sample {
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }

    public MetricFamily {
        samples = List.copyOf(samples);
    }

    public static MetricFamily gauge(String name, String help) {
        return new MetricFamily(name, help, Type.GAUGE, List.of());
    }

    public static MetricFamily counter(String name, String help) {
        return new MetricFamily(name, help, Type.COUNTER, List.of());
    }

    /** This family with one more sample; labels alternate name, value ("source", "antrea", "pool", "pool-ap"). */
    public MetricFamily with(double value, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        List<Sample> more = new ArrayList<>(samples);
        more.add(new Sample(map, value));
        return new MetricFamily(name, help, type, more);
    }
}
