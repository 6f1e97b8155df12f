package io.syncengine.web;

import io.syncengine.application.LogText;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One log line per API request (logger {@code io.syncengine.requests}, INFO): method, path, status, time, and who
 * and what it concerned — tenant, device, subject, and the batch, operation, conflict or job named in the path or
 * the answer — so a support engineer can follow a receipt through the server's log. Never a body, a query string or
 * a token. Values are written as {@code key=value} with anything that could break the line replaced by {@code _}.
 */
@Provider
public class RequestLog implements ContainerRequestFilter, ContainerResponseFilter {

    static final Logger LOG = Logger.getLogger("io.syncengine.requests");
    private static final String STARTED = RequestLog.class.getName() + ".started";
    /** Path parameters worth a support engineer's search, and their names in the line. */
    private static final Map<String, String> PATH_IDS = new LinkedHashMap<>();

    static {
        PATH_IDS.put("batchId", "batch");
        PATH_IDS.put("opId", "op");
        PATH_IDS.put("deviceId", "aboutDevice");
        PATH_IDS.put("id", "conflict");
        PATH_IDS.put("jobId", "job");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!LOG.isLoggable(java.util.logging.Level.INFO)) {
            return;
        }
        StringBuilder line = new StringBuilder(160)
                .append(request.getMethod()).append(' ').append(LogText.value(request.getUriInfo().getPath()))
                .append(' ').append(response.getStatus());
        if (request.getProperty(STARTED) instanceof Long started) {
            line.append(' ').append((System.nanoTime() - started) / 1_000_000).append("ms");
        }
        TokenClaims.caller(request).ifPresent(caller -> {
            LogText.append(line, "tenant", caller.tenant());
            LogText.append(line, "device", caller.deviceId());
            LogText.append(line, "subject", caller.subject());
        });
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        PATH_IDS.forEach((parameter, key) -> LogText.append(line, key, path.getFirst(parameter)));
        if (response.getEntity() instanceof BatchReceiptResponse receipt) {
            LogText.append(line, "batch", receipt.batchId());
            LogText.append(line, "received", receipt.received());
            LogText.append(line, "duplicates", receipt.duplicates());
        }
        LOG.info(line.toString());
    }
}
