package io.syncengine.application;

import io.syncengine.domain.model.JsonText;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Live notifications for devices, so terminals need not poll: a device hears when each of its operations settles,
 * and gets a "poke" when something it could pull has changed (at most one a second, so a burst of changes is one
 * poke). A subscriber that reconnects with the id of the last event it saw is poked at once: whatever it missed
 * meanwhile, a pull (and the batch status) brings.
 *
 * <p>Events come from the operations applied in this server instance, right after their transaction commits.
 * Nothing here is durable: the operation log and the pull feed are the truth, this only says when to look.
 */
@ApplicationScoped
public class DeviceEvents {

    private static final Logger LOG = Logger.getLogger(DeviceEvents.class.getName());
    private static final long POKE_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int KEEP_ALIVE_TICKS = 15;

    private final Map<String, Set<Subscription>> byTenant = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1000);
    private long ticks;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> ticking;

    @PostConstruct
    void start() {
        ticking = scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** On shutdown every open channel is ended, so that no request is left hanging on the server's way out. */
    @PreDestroy
    void stop() {
        ticking.cancel(false);
        byTenant.values().forEach(subscriptions -> subscriptions.forEach(Subscription::end));
        byTenant.clear();
    }

    /**
     * @param reconnected the subscriber saw events before (it sent {@code Last-Event-ID}): it is poked at once
     * @param end         ends the channel (called on shutdown)
     */
    public Subscription subscribe(String tenant, String deviceId, boolean reconnected,
            Consumer<DeviceEvent> listener, Runnable end) {
        Subscription subscription = new Subscription(tenant, deviceId, listener, end);
        byTenant.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet()).add(subscription);
        subscription.deliver(new DeviceEvent("ready", null, JsonText.object().add("deviceId", deviceId).build()));
        if (reconnected) {
            subscription.deliver(poke("reconnected"));
        }
        return subscription;
    }

    public void unsubscribe(Subscription subscription) {
        Set<Subscription> subscriptions = byTenant.get(subscription.tenant);
        if (subscriptions != null) {
            subscriptions.remove(subscription);
        }
    }

    /** Called once an operation's final status has committed. Never throws: applying must not depend on it. */
    public void settled(OperationSettled op) {
        Set<Subscription> subscriptions = byTenant.get(op.tenant());
        if (subscriptions == null || subscriptions.isEmpty()) {
            return;
        }
        try {
            DeviceEvent event = null;
            for (Subscription subscription : subscriptions) {
                if (subscription.deviceId.equals(op.deviceId())) {
                    if (event == null) {
                        event = settledEvent(op);
                    }
                    subscription.deliver(event);
                } else if (op.status().equals("APPLIED")) {
                    subscription.pokeWanted = true;
                }
            }
            flushPokes(subscriptions);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not notify devices of operation " + op.opId(), e);
        }
    }

    private void tick() {
        try {
            boolean keepAlive = ++ticks % KEEP_ALIVE_TICKS == 0;
            for (Set<Subscription> subscriptions : byTenant.values()) {
                flushPokes(subscriptions);
                if (keepAlive) {
                    subscriptions.forEach(s -> s.deliver(new DeviceEvent(null, null, null)));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "device notification tick failed", e);
        }
    }

    private void flushPokes(Set<Subscription> subscriptions) {
        long now = System.nanoTime();
        for (Subscription subscription : subscriptions) {
            if (subscription.pokeWanted && now - subscription.lastPoke >= POKE_GAP_NANOS) {
                subscription.pokeWanted = false;
                subscription.lastPoke = now;
                subscription.deliver(poke("changed"));
            }
        }
    }

    private DeviceEvent poke(String reason) {
        return new DeviceEvent("changes", nextId(), JsonText.object().add("reason", reason).build());
    }

    private DeviceEvent settledEvent(OperationSettled op) {
        JsonObjectBuilder data = JsonText.object()
                .add("opId", op.opId())
                .add("batchId", op.batchId())
                .add("entity", op.entity())
                .add("entityId", op.entityId())
                .add("status", op.status());
        if (op.seq() != null) {
            data.add("seq", op.seq());
        }
        if (op.version() != null) {
            data.add("version", op.version());
        }
        if (op.assignedId() != null) {
            data.add("assignedId", op.assignedId());
        }
        if (op.conflictId() != null) {
            data.add("conflictId", op.conflictId());
        }
        return new DeviceEvent("settled", nextId(), data.build());
    }

    private String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    /** One open channel; events are handed to its listener one at a time. A failing listener is dropped. */
    public final class Subscription {

        private final String tenant;
        private final String deviceId;
        private final Consumer<DeviceEvent> listener;
        private final Runnable end;
        private volatile boolean pokeWanted;
        private volatile long lastPoke = System.nanoTime() - POKE_GAP_NANOS;

        private Subscription(String tenant, String deviceId, Consumer<DeviceEvent> listener, Runnable end) {
            this.tenant = tenant;
            this.deviceId = deviceId;
            this.listener = listener;
            this.end = end;
        }

        private void end() {
            try {
                end.run();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "could not end an event channel", e);
            }
        }

        private synchronized void deliver(DeviceEvent event) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                unsubscribe(this);
            }
        }
    }
}
