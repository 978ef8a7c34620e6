package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.List;

/** kubectl's label selector text, split as the API server splits it. */
public final class LabelSelectors {

    private LabelSelectors() {}

    /** The comma-separated requirements of a selector; the commas inside a set, (a,b), belong to it. */
    public static List<String> requirements(String selector) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        out.add(selector.substring(start));
        return out;
    }
}
