package io.syncengine.bench;

import java.util.OptionalDouble;

/**
 * The PostgreSQL ceiling: transactions per second pgbench reached, or why there is no number ({@code note}).
 */
record PgbenchResult(OptionalDouble tps, String note) {

    static PgbenchResult measured(double tps, String note) {
        return new PgbenchResult(OptionalDouble.of(tps), note);
    }

    static PgbenchResult skipped(String why) {
        return new PgbenchResult(OptionalDouble.empty(), why);
    }
}
