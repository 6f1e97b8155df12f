package io.syncengine.bench;

import java.util.Map;

/**
 * What the audit measurement found: how long seeding and sealing {@code --audit-events} events took, the latency
 * of each kind of filtered query against them, an export of {@code exportRows} of them as CSV with the server's
 * heap meanwhile, and a verification of the whole chain.
 *
 * @param error null when every step ran; else what stopped it
 */
record AuditRun(
        String tenant,
        int events,
        double seedSeconds,
        double sealSeconds,
        Map<String, Percentiles> queries,
        long exportRows,
        double exportSeconds,
        HeapSampler.Usage exportHeap,
        double verifySeconds,
        long verifyChecked,
        boolean verifyIntact,
        String error) {

    boolean complete() {
        return error == null;
    }

    void addTo(Report report) {
        report.put("audit_tenant", tenant)
                .put("audit_events", events)
                .put("audit_seed_seconds", seedSeconds, 1)
                .put("audit_seal_seconds", sealSeconds, 1)
                .put("audit_sealed_per_s", sealSeconds > 0 ? events / sealSeconds : 0, 0);
        queries.forEach((kind, latency) -> report
                .put("audit_query_" + kind + "_count", latency.count())
                .put("audit_query_" + kind + "_p50_ms", latency.p50() / 1e6, 1)
                .put("audit_query_" + kind + "_p99_ms", latency.p99() / 1e6, 1)
                .put("audit_query_" + kind + "_max_ms", latency.max() / 1e6, 1));
        String noHeap = "not measured (" + exportHeap.note() + ")";
        report.put("audit_export_rows", exportRows)
                .put("audit_export_seconds", exportSeconds, 1)
                .put("audit_export_rows_per_s", exportSeconds > 0 ? exportRows / exportSeconds : 0, 0)
                .putMib("audit_export_heap_before_mib", exportHeap.firstKib(), noHeap)
                .putMib("audit_export_heap_peak_mib", exportHeap.peakKib(), noHeap)
                .putMib("audit_export_heap_growth_mib", exportHeap.growthKib(), noHeap)
                .putMib("audit_export_old_gen_before_mib", exportHeap.oldFirstKib(), noHeap)
                .putMib("audit_export_old_gen_growth_mib", exportHeap.oldGrowthKib(), noHeap)
                .put("audit_verify_seconds", verifySeconds, 1)
                .put("audit_verify_links", verifyChecked)
                .put("audit_verify_intact", Boolean.toString(verifyIntact))
                .put("audit_check", error == null ? "ok" : "NOT OK: " + error);
    }
}
