package io.syncengine.domain.model;

import jakarta.json.JsonString;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An accepted batch: which device sent which operations, and a hash of its content, so that the same batch posted
 * again gets the same receipt and the same batch id with other content is refused.
 */
@Entity
@Table(name = "sync_batch")
@IdClass(SyncBatch.Key.class)
public class SyncBatch {

    /** Primary key: batch ids are the terminals' own, unique within a tenant. */
    public static class Key implements java.io.Serializable {

        private static final long serialVersionUID = 1L;

        private String tenant;
        private String batchId;

        public Key() {
        }

        public Key(String tenant, String batchId) {
            this.tenant = tenant;
            this.batchId = batchId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(tenant, k.tenant)
                    && java.util.Objects.equals(batchId, k.batchId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(tenant, batchId);
        }
    }

    @Id
    private String tenant;

    @Id
    @Column(name = "batch_id")
    private String batchId;

    @Column(name = "device_id")
    private String deviceId;

    @Column(name = "content_hash")
    private String contentHash;

    /** The batch's opIds in the order sent, as a JSON array (jsonb). */
    @Column(name = "op_ids")
    private String opIds;

    @Column(name = "received_by")
    private String receivedBy;

    @Column(name = "received_at")
    private OffsetDateTime receivedAt;

    protected SyncBatch() {
    }

    public List<String> opIds() {
        return JsonText.parseArray(opIds).getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .toList();
    }

    public String getBatchId() {
        return batchId;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public String getContentHash() {
        return contentHash;
    }

    public OffsetDateTime getReceivedAt() {
        return receivedAt;
    }
}
