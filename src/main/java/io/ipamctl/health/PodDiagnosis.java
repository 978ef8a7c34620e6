package io.ipamctl.health;

import java.util.List;

/**
 * What `pod why` concluded about one Pod.
 *
 * @param cause    a stable word for what is wrong ("pool-exhausted", ...), "has-address" when nothing is, or
 *                 "unknown" when no cause was found
 * @param finding  one sentence: what the Pod has, or what keeps it from its address
 * @param fix      what to do, null when nothing is to be done
 * @param evidence the Event text the finding rests on, null when it rests on the cluster's state alone
 * @param pool     the pool the Pod's address comes from (has-address), else null
 * @param checked  what was looked at, one line each
 */
public record PodDiagnosis(
        Verdict verdict, String cause, String finding, String fix, String evidence, String pool, List<String> checked) {

    /** The three answers, with the exit codes of the README (0, 3, 1). */
    public enum Verdict {
        HAS_ADDRESS("has-address"),
        CAUSE_FOUND("cause-found"),
        NO_CAUSE_FOUND("no-cause-found");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public PodDiagnosis {
        checked = List.copyOf(checked);
    }
}
