package io.syncengine.domain.model;

import jakarta.json.JsonArrayBuilder;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One entry of the auditors' event log: a state change of an operation (or of the conflict it raised), who caused
 * it, and the versions and payload it concerned. Events are written by the database in the transaction of the
 * change they describe and never change afterwards.
 *
 * @param subject       the token subject the change is attributed to: the sender for an operation's own
 *                      events, the operator for a re-drive or a resolution
 * @param beforeVersion the version the operation was based on
 * @param afterVersion  the version it produced (APPLIED, RESOLVED), or the server's version it met (CONFLICT)
 * @param payloadHash   SHA-256 (hex) of the operation's data as stored
 * @param detail        JSON text with what the type of event needs (reason, errors, note, resolution), or null
 */
public record AuditEvent(
        long id,
        String tenant,
        String type,
        String subject,
        String deviceId,
        String opId,
        String batchId,
        Long seq,
        String entity,
        String entityId,
        String opType,
        Long beforeVersion,
        Long afterVersion,
        String payloadHash,
        String detail,
        OffsetDateTime clientTime,
        OffsetDateTime recordedAt) {

    /** Microseconds, as PostgreSQL stores them, so the text is the same whoever reads the row. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    /**
     * The event's content as the hash chain covers it: every stored field in a fixed order, as a JSON array (a
     * field cannot spill into its neighbour, whatever characters it holds).
     */
    public String canonical() {
        JsonArrayBuilder fields = JsonText.array().add(id);
        for (String text : new String[] {tenant, type, subject, deviceId, opId, batchId}) {
            addText(fields, text);
        }
        addNumber(fields, seq);
        for (String text : new String[] {entity, entityId, opType}) {
            addText(fields, text);
        }
        addNumber(fields, beforeVersion);
        addNumber(fields, afterVersion);
        addText(fields, payloadHash);
        addText(fields, detail);
        addText(fields, time(clientTime));
        addText(fields, time(recordedAt));
        return fields.build().toString();
    }

    public static String time(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
    }

    private static void addText(JsonArrayBuilder fields, String value) {
        if (value == null) {
            fields.addNull();
        } else {
            fields.add(value);
        }
    }

    private static void addNumber(JsonArrayBuilder fields, Long value) {
        if (value == null) {
            fields.addNull();
        } else {
            fields.add(value);
        }
    }
}
