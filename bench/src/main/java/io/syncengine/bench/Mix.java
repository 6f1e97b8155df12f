package io.syncengine.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the terminals send ({@code --mix}). The mix also chooses the transaction pgbench runs ({@link
 * PgbenchCeiling}), so the apply rate is always compared with the ceiling of the transaction that dominates it.
 */
enum Mix {

    /** {@link MasterDataWorkload}: product edits with base versions, some category and customer creates. */
    MASTER("master", "the server applied a device's updates out of order or lost one"),

    /** {@link SalesWorkload}: the sales-heavy mix, every terminal selling the same {@link SharedProducts}. */
    SALES("sales", "the server applied a device's product edits out of order or lost one, or a sale or stock"
            + " movement found a shared product missing or short of stock");

    private final String option;
    private final String conflictCause;

    Mix(String option, String conflictCause) {
        this.option = option;
        this.conflictCause = conflictCause;
    }

    /** The value of {@code --mix} that selects this mix. */
    String option() {
        return option;
    }

    /** What a conflict means in this mix, whose healthy runs have none. */
    String conflictCause() {
        return conflictCause;
    }

    static Mix parse(String option) {
        return Arrays.stream(values()).filter(m -> m.option.equals(option)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--mix must be one of " + options() + ": " + option));
    }

    static String options() {
        return Arrays.stream(values()).map(Mix::option).collect(Collectors.joining(", "));
    }
}
