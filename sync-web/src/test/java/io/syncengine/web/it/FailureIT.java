package io.syncengine.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncengine.launcher.EmbeddedBroker;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Technical failures on the real stack: an operation that can never apply, a send the broker refuses, a commit the
 * database refuses, and a message delivered again after its effect committed.
 */
class FailureIT extends SyncTestBase {

    private static final String OPERATIONS = "sync.operations";
    private static final String DEAD_LETTERS = "sync.operations.dlq";

    private static EmbeddedBroker broker() {
        return SyncStack.get().broker();
    }

    /**
     * A trigger makes the database refuse one record, so every attempt to apply that operation fails: it is retried
     * with back-off, dead-lettered and ends FAILED, while another device's operations apply meanwhile.
     */
    @Test
    void aPoisonOperationEndsFailedOnTheDeadLetterQueueWhileOtherDevicesCarryOn() {
        String poisonId = "poison-" + Ops.id();
        Sql.execute("CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.id LIKE 'poison-%' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        Sql.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON category FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_poison()");
        try {
            long deadLettered = broker().queue(DEAD_LETTERS).getMessagesAdded();
            Api api = api();
            JsonObject poisoned = Ops.batch("till-p", List.of(Ops.create(1, "category", poisonId,
                    Ops.category("never"))));
            api.push(device("till-p"), poisoned);

            String healthyId = Ops.id();
            JsonObject healthy = api.pushAndSettle(device("till-h"), Ops.batch("till-h", List.of(
                    Ops.create(1, "category", healthyId, Ops.category("fine")))));
            assertEquals(1, healthy.getJsonObject("counts").getInt("APPLIED"));

            JsonObject status = api.awaitSettled(device("till-p"), poisoned.getString("batchId"));
            JsonObject op = status.getJsonArray("operations").getJsonObject(0);
            assertEquals("FAILED", op.getString("status"), status.toString());
            assertTrue(op.getJsonArray("errors").getJsonObject(0).getString("message").contains("re-drive"));
            assertTrue(broker().queue(DEAD_LETTERS).getMessagesAdded() > deadLettered, "dead-lettered");
            assertTrue(Sql.count("SELECT failed_attempts FROM sync_operation WHERE tenant = ? AND entity_id = ?",
                    tenant, poisonId) >= 4, "every delivery was tried");
            assertEquals(0, Sql.count("SELECT count(*) FROM category WHERE tenant = ? AND id = ?", tenant,
                    poisonId));
        } finally {
            Sql.execute("DROP TRIGGER IF EXISTS refuse_poison ON category");
        }
    }

    /**
     * The broker's connection dies in the middle of the batch's sends: the two-phase commit cannot complete, so the
     * batch's records roll back with the sends (503, nothing stored), and the terminal's retry succeeds.
     */
    @Test
    void aSendKilledWithItsConnectionStoresNothingAndTheRetrySucceeds() {
        String deviceId = "till-k-" + Ops.id();
        JsonObject batch = Ops.batch(deviceId, List.of(Ops.create(1, "category", Ops.id(), Ops.category("a")),
                Ops.create(2, "category", Ops.id(), Ops.category("b"))));
        ActiveMQServerMessagePlugin killConnection = onSendFrom(deviceId, session -> {
            ActiveMQException killed = new ActiveMQException(ActiveMQExceptionType.DISCONNECTED,
                    "connection killed by the test");
            session.getRemotingConnection().fail(killed);
            throw killed;
        });
        Api api = api();
        long queued = broker().queue(OPERATIONS).getMessagesAdded();
        broker().server().registerBrokerPlugin(killConnection);
        try {
            Api.Reply refused = api.post(Api.BATCHES, device(deviceId), batch);
            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.contentType().startsWith("application/problem+json"));
        } finally {
            broker().server().unRegisterBrokerPlugin(killConnection);
        }
        assertNothingStored(batch, queued);

        JsonObject status = api.pushAndSettle(device(deviceId), batch);
        assertEquals(2, status.getJsonObject("counts").getInt("APPLIED"));
    }

    /**
     * The broker rejects the sends on its own side. Within a transaction Artemis sends asynchronously and only logs
     * such a rejection, so the commit succeeds with the operations recorded but not queued: the recovery sweep finds
     * them (pending, never delivered) and re-queues them, and they apply.
     */
    @Test
    void sendsTheBrokerRejectsAreRequeuedByRecoveryAndApply() {
        String deviceId = "till-r-" + Ops.id();
        JsonObject batch = Ops.batch(deviceId, List.of(Ops.create(1, "category", Ops.id(), Ops.category("a")),
                Ops.create(2, "category", Ops.id(), Ops.category("b"))));
        ActiveMQServerMessagePlugin rejectSend = onSendFrom(deviceId, session -> {
            throw new ActiveMQException(ActiveMQExceptionType.INTERNAL_ERROR, "send rejected by the test");
        });
        Api api = api();
        broker().server().registerBrokerPlugin(rejectSend);
        try {
            api.push(device(deviceId), batch);
            assertEquals(2, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ? AND device_id = ? "
                    + "AND status = 'PENDING'", tenant, deviceId), "recorded, but its messages were dropped");
        } finally {
            broker().server().unRegisterBrokerPlugin(rejectSend);
        }

        JsonObject status = api.awaitSettled(device(deviceId), batch.getString("batchId"));
        assertEquals(2, status.getJsonObject("counts").getInt("APPLIED"), status.toString());
        assertEquals(2, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ? AND device_id = ? "
                + "AND requeues >= 1", tenant, deviceId));
    }

    /**
     * The database refuses the commit (a deferred trigger fails at PREPARE TRANSACTION) after the records were written
     * and the messages sent: the two-phase commit rolls the sends back too, so no message names an unrecorded
     * operation.
     */
    @Test
    void aRefusedCommitQueuesNothing() {
        String batchId = "refuse-commit-" + Ops.id();
        Sql.execute("CREATE OR REPLACE FUNCTION refuse_commit() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.batch_id LIKE 'refuse-commit-%' THEN RAISE EXCEPTION 'commit refused by test'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        Sql.execute("CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON sync_batch "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_commit()");
        JsonObject batch = Ops.batch("till-c", batchId, List.of(Ops.create(1, "category", Ops.id(),
                Ops.category("c"))));
        long queued = broker().queue(OPERATIONS).getMessagesAdded();
        try {
            Api.Reply refused = api().post(Api.BATCHES, device("till-c"), batch);
            assertEquals(503, refused.status(), refused.body());
        } finally {
            Sql.execute("DROP TRIGGER IF EXISTS refuse_commit ON sync_batch");
        }
        assertNothingStored(batch, queued);
    }

    /** A message delivered again after its operation applied (a lost acknowledgement) changes nothing. */
    @Test
    void aRedeliveredMessageWhoseEffectCommittedDoesNotApplyTwice() throws Exception {
        Api api = api();
        String id = Ops.id();
        JsonObject create = Ops.create(1, "product", id, Ops.product("SKU-" + id, "Plum", "2.00", 5));
        JsonObject update = Ops.update(2, "product", id, 1, Json.createObjectBuilder().add("stock", 7).build());
        api.pushAndSettle(device("till-r"), Ops.batch("till-r", List.of(create, update)));

        long acknowledged = broker().queue(OPERATIONS).getMessagesAcknowledged();
        try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + broker().port());
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession()) {
            ClientProducer producer = session.createProducer(OPERATIONS);
            for (JsonObject op : List.of(create, update)) {
                ClientMessage message = session.createMessage(Message.TEXT_TYPE, true);
                String body = Json.createObjectBuilder().add("schemaVersion", 1).add("tenant", tenant)
                        .add("deviceId", "till-r").add("opId", op.getString("opId")).add("batchId", "again")
                        .add("seq", op.getInt("seq")).build().toString();
                message.getBodyBuffer().writeNullableSimpleString(
                        org.apache.activemq.artemis.api.core.SimpleString.of(body));
                message.putStringProperty("JMSXGroupID", tenant + "/till-r");
                producer.send(message);
            }
        }
        awaitAtLeast(() -> broker().queue(OPERATIONS).getMessagesAcknowledged(), acknowledged + 2);

        assertEquals(2, Sql.count("SELECT version FROM product WHERE tenant = ? AND id = ?", tenant, id));
        assertEquals(7, Sql.count("SELECT stock FROM product WHERE tenant = ? AND id = ?", tenant, id));
        assertEquals(2, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ? AND status = 'APPLIED' "
                + "AND deliveries = 1", tenant), "the redelivery was skipped, not applied again");
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_conflict WHERE tenant = ?", tenant));
    }

    /** What a broker plugin does to a send. */
    private interface SendFault {
        void apply(ServerSession session) throws ActiveMQException;
    }

    /** A broker plugin that applies {@code fault} to every message one device's operations are sent as. */
    private static ActiveMQServerMessagePlugin onSendFrom(String deviceId, SendFault fault) {
        return new ActiveMQServerMessagePlugin() {
            @Override
            public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
                    boolean noAutoCreateQueue) throws ActiveMQException {
                if (deviceId.equals(message.getStringProperty("deviceId"))) {
                    fault.apply(session);
                }
            }
        };
    }

    private void assertNothingStored(JsonObject batch, long queuedBefore) {
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_batch WHERE tenant = ? AND batch_id = ?", tenant,
                batch.getString("batchId")));
        assertEquals(0, Sql.count("SELECT count(*) FROM sync_operation WHERE tenant = ? AND batch_id = ?", tenant,
                batch.getString("batchId")));
        assertEquals(queuedBefore, broker().queue(OPERATIONS).getMessagesAdded(), "no message reached the queue");
    }

    private static void awaitAtLeast(LongSupplier counter, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (counter.getAsLong() < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("counter stayed at " + counter.getAsLong() + ", expected " + expected);
            }
            Thread.sleep(20);
        }
    }
}
