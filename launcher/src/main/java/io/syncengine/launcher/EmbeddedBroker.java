package io.syncengine.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A real Artemis broker in this JVM, configured by the project's {@code broker.xml}: persistent journal under a
 * data directory, a CORE acceptor on a loopback port, the operations queue and its dead-letter queue.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /**
     * Artemis's audit log writes a line per message sent and received: at the rates of a sync server it costs more
     * than the broker's own work. Held here, so the level is not lost with a collected logger.
     */
    private static final Logger AUDIT_LOG = Logger.getLogger("org.apache.activemq.audit");

    static {
        AUDIT_LOG.setLevel(Level.WARNING);
    }

    static final String CONFIG = "io/syncengine/broker/broker.xml";

    private final EmbeddedActiveMQ broker;
    private final int port;

    private EmbeddedBroker(EmbeddedActiveMQ broker, int port) {
        this.broker = broker;
        this.port = port;
    }

    /**
     * Starts the broker.
     *
     * @param settings further {@code broker.xml} properties, e.g. {@code sync.broker.redelivery-delay-ms}
     */
    public static EmbeddedBroker start(Path dataDir, int port, Map<String, String> settings) throws Exception {
        // broker.xml reads these as ${…}; Artemis resolves them from system properties.
        System.setProperty("sync.broker.data", dataDir.toAbsolutePath().toString());
        System.setProperty("sync.broker.port", Integer.toString(port));
        settings.forEach(System::setProperty);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfigResourcePath(CONFIG);
        broker.start();
        return new EmbeddedBroker(broker, port);
    }

    public int port() {
        return port;
    }

    public ActiveMQServer server() {
        return broker.getActiveMQServer();
    }

    /** The broker's live view of a queue, for counters such as messages added and dead-lettered. */
    public Queue queue(String name) {
        return server().locateQueue(SimpleString.of(name));
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            broker.stop();
        } catch (java.io.IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.io.IOException("the broker did not stop cleanly", e);
        }
    }
}
