package io.syncengine.web;

import io.syncengine.application.Caller;
import io.syncengine.application.DeviceEvent;
import io.syncengine.application.DeviceEvents;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live notifications ({@code GET /sync/events}, Server-Sent Events): {@code settled} when one of the device's
 * operations reaches a final status, {@code changes} when there is something new to pull.
 */
@Path("/sync/events")
@RequestScoped
public class EventResource {

    @Inject
    private DeviceEvents events;

    @Inject
    private Caller caller;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Caller.DEVICE, Caller.OPERATOR, Caller.ADMIN})
    public void events(@Context SseEventSink sink, @Context Sse sse, @QueryParam("deviceId") String deviceId,
            @HeaderParam("Last-Event-ID") String lastEventId) {
        String device = deviceId != null ? deviceId : caller.deviceId();
        if (device == null || device.isBlank()) {
            throw ProblemException.invalid("/deviceId", "is required: the device whose events to follow");
        }
        if (!caller.mayActAs(device)) {
            throw new ProblemException(403, Problem.FORBIDDEN, "Forbidden",
                    "this token may follow only the events of device " + caller.deviceId(), null);
        }
        AtomicReference<DeviceEvents.Subscription> subscription = new AtomicReference<>();
        subscription.set(events.subscribe(caller.tenant(), device, lastEventId != null, event -> {
            if (sink.isClosed()) {
                throw new IllegalStateException("the client went away");
            }
            sink.send(outbound(sse, event)).exceptionally(failure -> {
                DeviceEvents.Subscription open = subscription.get();
                if (open != null) {
                    events.unsubscribe(open);
                }
                sink.close();
                return null;
            });
        }, sink::close));
    }

    private static OutboundSseEvent outbound(Sse sse, DeviceEvent event) {
        if (event.name() == null) {
            return sse.newEventBuilder().comment("keep-alive").build();
        }
        OutboundSseEvent.Builder builder = sse.newEventBuilder().name(event.name())
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, event.data().toString());
        if (event.id() != null) {
            builder.id(event.id());
        }
        return builder.build();
    }
}
