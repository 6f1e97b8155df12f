package io.syncengine.application;

import io.syncengine.domain.model.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What auditors read, always within their own tenant: the operation log and the event log, keyset-paged (a page at
 * a time as JSON) or whole (an export, streamed), and the verification of the hash chain.
 */
@ApplicationScoped
public class AuditTrail {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    @Inject
    private AuditLog log;

    /** A page of events; {@code cursor} fetches the next one and is null on the last. */
    public record EventPage(List<AuditEventView> events, String cursor) {
    }

    /** A page of operations; {@code cursor} fetches the next one and is null on the last. */
    public record OperationPage(List<AuditedOperation> operations, String cursor) {
    }

    public EventPage events(Caller caller, AuditFilter filter, int limit, String cursor) {
        List<AuditEvent> rows = new ArrayList<>();
        boolean more = log.events(caller.tenant(), filter, position(cursor), limit, rows::add);
        AuditEvent last = more ? rows.get(rows.size() - 1) : null;
        return new EventPage(rows.stream().map(AuditEventView::of).toList(),
                last == null ? null : cursor(new AuditLog.EventPosition(last.recordedAt(), last.id())));
    }

    /** Every event the filter matches from the cursor on, in page order. */
    public void exportEvents(Caller caller, AuditFilter filter, String cursor, Consumer<AuditEvent> sink) {
        log.events(caller.tenant(), filter, position(cursor), Long.MAX_VALUE, sink);
    }

    public OperationPage operations(Caller caller, AuditFilter filter, int limit, String cursor) {
        List<AuditedOperation> rows = new ArrayList<>();
        boolean more = log.operations(caller.tenant(), filter, position(cursor), limit, rows::add);
        return new OperationPage(rows, more ? cursor(rows.get(rows.size() - 1).position()) : null);
    }

    /** Every operation the filter matches from the cursor on, in page order. */
    public void exportOperations(Caller caller, AuditFilter filter, String cursor,
            Consumer<AuditedOperation> sink) {
        log.operations(caller.tenant(), filter, position(cursor), Long.MAX_VALUE, sink);
    }

    public AuditVerification verify(Caller caller, OffsetDateTime from, OffsetDateTime to) {
        return log.verify(caller.tenant(), from, to);
    }

    private static String cursor(AuditLog.EventPosition position) {
        return CursorText.encode(AuditEvent.time(position.recordedAt()), Long.toString(position.id()));
    }

    private static AuditLog.EventPosition position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] parts = CursorText.decode(cursor, 2);
        try {
            return new AuditLog.EventPosition(OffsetDateTime.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidCursorException();
        }
    }
}
