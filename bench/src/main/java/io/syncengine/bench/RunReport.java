package io.syncengine.bench;

import java.util.Optional;

/**
 * Everything a run measured, and the report made from it: the push phase (unless {@code --batches 0}) and the
 * pull (with {@code --pull-records}) and the audit log (with {@code --audit-events}), each reporting its own
 * figures.
 */
record RunReport(BenchOptions options, Optional<PushRun> push, Optional<PullRun> pull,
        Optional<AuditRun> audit) {

    /** Every planned batch was accepted and settled, and every seeded record pulled. */
    boolean complete() {
        return push.map(PushRun::complete).orElse(true) && pull.map(PullRun::complete).orElse(true)
                && audit.map(AuditRun::complete).orElse(true);
    }

    Report report() {
        Report report = new Report().put("url", options.url().toString());
        push.ifPresent(p -> p.addTo(report));
        pull.ifPresent(p -> p.addTo(report));
        audit.ifPresent(a -> a.addTo(report));
        return report;
    }
}
