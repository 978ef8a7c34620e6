package io.ipamctl.output;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes metric families in the Prometheus text exposition format 0.0.4 (what the node-exporter
 * textfile collector reads and every Prometheus scrapes): a HELP and a TYPE line per family, then
 * one line per sample, label values and HELP text escaped as the format demands.
 */
public final class PrometheusText {

    /** The Content-Type of a scrape answer in this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {}

    public static String render(List<MetricFamily> families) {
        StringBuilder out = new StringBuilder();
        for (MetricFamily f : families) {
            out.append("# HELP ")
                    .append(f.name())
                    .append(' ')
                    .append(escapeHelp(f.help()))
                    .append('\n');
            out.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
            for (MetricFamily.Sample s : f.samples()) {
                out.append(f.name());
                if (!s.labels().isEmpty()) {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<String, String> l : s.labels().entrySet()) {
                        out.append(first ? "" : ",")
                                .append(l.getKey())
                                .append("=\"")
                                .append(escapeLabel(l.getValue()))
                                .append('"');
                        first = false;
                    }
                    out.append('}');
                }
                out.append(' ').append(value(s.value())).append('\n');
            }
        }
        return out.toString();
    }

    /** HELP text: backslash and line feed escaped. */
    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** A label value: backslash, double quote and line feed escaped. */
    static String escapeLabel(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /**
     * A sample value as Go's ParseFloat reads it: whole numbers without a fraction or exponent up to
     * 2^53 (address counts stay exact), others in the shortest form that reads back the same double.
     */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) <= 0x1p53) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).toString().replace('E', 'e');
    }
}
