package io.syncengine.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the push phase measured, and its part of the report. The rates follow one rule so runs compare: accept rate
 * is operations accepted over the push phase; apply rate is operations settled over the time from the start of
 * the push phase to the last settle, so it includes draining the queue after the last push. With
 * {@code --delta-pulls}, the latency of the pulls made meanwhile ({@link DeltaPuller}).
 */
record PushRun(
        BenchOptions options,
        String tenant,
        Instant pushStartedAt,
        Instant pushEndedAt,
        long pushStartNanos,
        long pushEndNanos,
        List<TerminalResult> terminals,
        List<BatchOutcome> batches,
        RssSampler.Peaks rss,
        Optional<DeltaPuller.Result> deltaPulls,
        Ceilings ceilings) {

    /** Every planned batch was accepted and every accepted one settled, and every delta pull was answered. */
    boolean complete() {
        return terminals.stream().allMatch(t -> t.error() == null)
                && batches.stream().allMatch(BatchOutcome::settled)
                && deltaPulls.map(d -> d.error() == null).orElse(true);
    }

    void addTo(Report report) {
        report.put("tenant", tenant)
                .put("terminals", options.terminals())
                .put("batches_per_terminal", options.batches())
                .put("ops_per_batch", options.ops())
                .put("offered_ops_per_s", options.rate() == 0 ? "back to back (closed loop)"
                        : options.rate() + " (open loop: accept latency timed from when each batch was due)")
                .put("mix", options.mix().option())
                .put("watchers", options.watchers())
                .put("apply_paused_during_push", options.pauseApply())
                .put("push_started_at", pushStartedAt.toString())
                .put("push_ended_at", pushEndedAt.toString());
        pushSection(report);
        applySection(report);
        deltaPulls.ifPresent(d -> deltaSection(report, d));
        rssSection(report);
        ceilingSection(report);
    }

    private void pushSection(Report report) {
        long opsAccepted = terminals.stream().mapToLong(TerminalResult::opsAccepted).sum();
        double seconds = seconds(pushEndNanos - pushStartNanos);
        report.put("batches_planned", (long) options.terminals() * options.batches())
                .put("batches_accepted", terminals.stream().mapToLong(TerminalResult::batchesAccepted).sum())
                .put("ops_accepted", opsAccepted)
                .put("push_retries", terminals.stream().mapToLong(TerminalResult::retries).sum());
        List<String> errors = terminals.stream().filter(t -> t.error() != null)
                .map(t -> t.deviceId() + ": " + t.error()).toList();
        report.put("push_errors", errors.size());
        if (!errors.isEmpty()) {
            report.put("push_first_error", errors.get(0));
        }
        report.put("push_seconds", seconds, 3)
                .put("accept_ops_per_s", seconds > 0 ? opsAccepted / seconds : 0, 1);
        latency(report, "accept_latency", Percentiles.of(batches.stream().map(b -> b.batch().acceptNanos())
                .toList()), "no batches");
    }

    private void applySection(Report report) {
        List<BatchOutcome> settled = settled();
        long opsSettled = settled.stream().mapToLong(b -> b.batch().operations()).sum();
        report.put("batches_settled", settled.size())
                .put("batches_unsettled", batches.size() - settled.size());
        batches.stream().filter(b -> !b.settled()).map(BatchOutcome::error).filter(Objects::nonNull).findFirst()
                .ifPresent(error -> report.put("unsettled_first_reason", error));
        report.put("apply_seconds", applySeconds(), 3)
                .put("apply_ops_per_s", applyOpsPerSecond(), 1);
        latency(report, "apply_latency", Percentiles.of(settled.stream().map(BatchOutcome::applyNanos).toList()),
                "no batches");

        StatusCounts counts = batches.stream().map(BatchOutcome::counts)
                .reduce(StatusCounts.NONE, StatusCounts::plus);
        report.put("ops_applied", counts.applied())
                .put("ops_conflict", counts.conflict())
                .put("ops_rejected", counts.rejected())
                .put("ops_failed", counts.failed())
                .put("ops_pending", counts.pending());
        List<String> problems = new ArrayList<>();
        if (counts.conflict() > 0) {
            problems.add(counts.conflict() + " conflicts (the " + options.mix().option() + " mix should have none: "
                    + options.mix().conflictCause() + ")");
        }
        if (counts.rejected() > 0) {
            problems.add(counts.rejected() + " rejected");
        }
        if (counts.failed() > 0) {
            problems.add(counts.failed() + " failed");
        }
        long unaccounted = opsSettled - counts.applied() - counts.conflict() - counts.rejected() - counts.failed();
        if (settled.size() == batches.size() && unaccounted != 0) {
            problems.add(unaccounted + " settled operations without a final status");
        }
        report.put("ops_check", problems.isEmpty() ? "ok (every operation of every settled batch applied)"
                : "NOT OK: " + String.join("; ", problems));
    }

    private static void deltaSection(Report report, DeltaPuller.Result pulls) {
        report.put("delta_pulls", pulls.latency().count())
                .put("delta_pull_changes", pulls.changes());
        latency(report, "delta_pull", pulls.latency(), "no delta pulls");
        if (pulls.error() != null) {
            report.put("delta_pull_error", pulls.error());
        }
    }

    private void rssSection(Report report) {
        memory(report, "payara", rss.payara(), rss.payaraPid(),
                "no process with " + ServerProcesses.payaraCommand(options.port()));
        memory(report, "launcher", rss.launcher(), rss.launcherPid(), "no process with sync-launcher.jar run");
        report.put("rss_samples", rss.samples());
    }

    private static void memory(Report report, String name, OptionalLong peakKib, OptionalLong pid, String notFound) {
        report.putMib("rss_peak_" + name + "_mib", peakKib, "not found (" + notFound + ")");
        if (peakKib.isPresent()) {
            pid.ifPresent(p -> report.put("rss_" + name + "_pid", p));
        }
    }

    /**
     * Both ceilings and the apply rate's ratio to each: {@code pgbench_*} and {@code apply_to_pgbench_ratio} for
     * the bare tables (named as before the schema ceiling existed, so reports compare), {@code pgbench_schema_*}
     * and {@code apply_to_schema_pgbench_ratio} for the server's schema.
     */
    private void ceilingSection(Report report) {
        ceiling(report, "pgbench", "apply_to_pgbench_ratio", ceilings.bare(), PgbenchCeiling.shape(options.mix()));
        ceiling(report, "pgbench_schema", "apply_to_schema_pgbench_ratio", ceilings.schema(),
                SchemaCeiling.shape(options.mix()));
    }

    private void ceiling(Report report, String prefix, String ratio, PgbenchResult ceiling, String shape) {
        if (ceiling.tps().isEmpty()) {
            report.put(prefix + "_tps", "skipped: " + ceiling.note());
            return;
        }
        double tps = ceiling.tps().getAsDouble();
        report.put(prefix + "_tps", tps, 1)
                .put(prefix + "_script", shape)
                .put(prefix + "_run", ceiling.note());
        if (tps > 0 && applyOpsPerSecond() > 0) {
            report.put(ratio, applyOpsPerSecond() / tps, 3);
        }
    }

    private List<BatchOutcome> settled() {
        return batches.stream().filter(BatchOutcome::settled).toList();
    }

    /** From the start of the push phase until the last batch settled; 0 when none did. */
    private double applySeconds() {
        OptionalLong lastSettle = settled().stream().mapToLong(BatchOutcome::settledNanos).max();
        return lastSettle.isPresent() ? seconds(lastSettle.getAsLong() - pushStartNanos) : 0;
    }

    private double applyOpsPerSecond() {
        double seconds = applySeconds();
        return seconds > 0 ? settled().stream().mapToLong(b -> b.batch().operations()).sum() / seconds : 0;
    }

    private static void latency(Report report, String prefix, Percentiles p, String none) {
        if (p.count() == 0) {
            report.put(prefix + "_ms", "n/a (" + none + ")");
            return;
        }
        report.put(prefix + "_p50_ms", millis(p.p50()), 1)
                .put(prefix + "_p99_ms", millis(p.p99()), 1)
                .put(prefix + "_max_ms", millis(p.max()), 1);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
