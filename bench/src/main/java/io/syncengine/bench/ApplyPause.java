package io.syncengine.bench;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code --pause-apply}: holds the operations queue of the embedded broker while the terminals push, so that the
 * accept path is measured alone, then lets it go. Pausing an Artemis queue stops its deliveries and keeps every
 * message; the broker's own management bean does it, reached through the JVM that hosts the broker (the launcher,
 * on this machine, same user). Messages a consumer had already taken before the pause still apply.
 */
final class ApplyPause implements AutoCloseable {

    private static final String QUEUE = "sync.operations";

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final ObjectName queue;

    private ApplyPause(JMXConnector connector, ObjectName queue) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
        this.queue = queue;
    }

    /** Pauses the queue of the broker in {@code launcherPid}. */
    static ApplyPause pause(long launcherPid) throws BenchAborted {
        JMXConnector connector = null;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(launcherPid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            Set<ObjectName> found = connector.getMBeanServerConnection().queryNames(new ObjectName(
                    "org.apache.activemq.artemis:component=addresses,subcomponent=queues,queue=\"" + QUEUE + "\",*"),
                    null);
            if (found.size() != 1) {
                throw new BenchAborted("--pause-apply: the broker in process " + launcherPid + " has no queue "
                        + QUEUE + " (an external broker, SYNC_BROKER_URL, cannot be paused from here)");
            }
            ApplyPause pause = new ApplyPause(connector, found.iterator().next());
            pause.server.invoke(pause.queue, "pause", null, null);
            return pause;
        } catch (IOException | AttachNotSupportedException | JMException e) {
            closeQuietly(connector);
            throw new BenchAborted("--pause-apply: could not pause the broker's queue " + QUEUE + " in process "
                    + launcherPid + ": " + e);
        } catch (BenchAborted e) {
            closeQuietly(connector);
            throw e;
        }
    }

    /** Resumes the queue: the operations held apply from here on. */
    @Override
    public void close() throws BenchAborted {
        try {
            server.invoke(queue, "resume", null, null);
        } catch (IOException | JMException e) {
            throw new BenchAborted("--pause-apply: could not resume the broker's queue " + QUEUE
                    + "; resume it, or restart the server: " + e);
        } finally {
            closeQuietly(connector);
        }
    }

    private static void closeQuietly(JMXConnector connector) {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException ignored) {
                // The connection is being given up either way.
            }
        }
    }
}
