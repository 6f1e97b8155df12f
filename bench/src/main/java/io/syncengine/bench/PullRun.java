package io.syncengine.bench;

/**
 * What the pull measurement found, and its part of the report: how fast a terminal starting from nothing gets
 * {@code --pull-records} products, next to how fast the database alone hands over the same rows ({@link
 * CopyBaseline}), and what the pull costs the server's memory. Rates are rows received over the time from the
 * first request to the last byte.
 */
record PullRun(
        BenchOptions options,
        String tenant,
        SnapshotPull.Result pulled,
        HeapSampler.Usage heap,
        RssSampler.Peaks rss,
        CopyBaseline.Result copy) {

    /**
     * The pull ran to its last page and brought as many records as were seeded. More would mean the delta after
     * the snapshot sent them again: a transaction older than the seeding was still open when the pull began and
     * held the pull's horizon back.
     */
    boolean complete() {
        return pulled.error() == null && pulled.records() == options.pullRecords();
    }

    void addTo(Report report) {
        double seconds = pulled.nanos() / 1e9;
        double recordsPerSecond = seconds > 0 ? pulled.records() / seconds : 0;
        report.put("pull_tenant", tenant)
                .put("pull_records", options.pullRecords())
                .put("pull_warmups", options.pullWarmups())
                .put("pull_pages", pulled.pages())
                .put("pull_seconds", seconds, 3)
                .put("pull_records_per_s", recordsPerSecond, 1)
                .put("pull_check", check());
        String noHeap = "not measured (" + heap.note() + ")";
        report.putMib("pull_heap_before_mib", heap.firstKib(), noHeap)
                .putMib("pull_heap_peak_mib", heap.peakKib(), noHeap)
                .putMib("pull_heap_growth_mib", heap.growthKib(), noHeap)
                .putMib("pull_old_gen_before_mib", heap.oldFirstKib(), noHeap)
                .putMib("pull_old_gen_growth_mib", heap.oldGrowthKib(), noHeap)
                .put("pull_heap_samples", heap.samples())
                .putMib("pull_rss_peak_mib", rss.payara(),
                        "not found (no process with " + ServerProcesses.payaraCommand(options.port()) + ")");
        copySection(report, recordsPerSecond);
    }

    private void copySection(Report report, double pullRecordsPerSecond) {
        if (copy.error() != null) {
            report.put("copy_rows_per_s", "not measured (" + copy.error() + ")");
            return;
        }
        double seconds = copy.nanos() / 1e9;
        double rowsPerSecond = seconds > 0 ? copy.rows() / seconds : 0;
        report.put("copy_rows", copy.rows())
                .put("copy_seconds", seconds, 3)
                .put("copy_rows_per_s", rowsPerSecond, 1);
        if (rowsPerSecond > 0) {
            report.put("pull_to_copy_ratio", pullRecordsPerSecond / rowsPerSecond, 3);
        }
    }

    private String check() {
        if (pulled.error() != null) {
            return "NOT OK: " + pulled.error() + " (after " + pulled.records() + " records in " + pulled.pages()
                    + " pages)";
        }
        if (pulled.records() != options.pullRecords()) {
            return "NOT OK: " + pulled.records() + " records pulled, " + options.pullRecords() + " seeded";
        }
        return "ok (as many records pulled as seeded)";
    }
}
