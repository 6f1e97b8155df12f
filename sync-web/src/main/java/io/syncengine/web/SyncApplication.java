package io.syncengine.web;

import io.syncengine.application.Caller;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The sync API, version 1. Every call is authenticated by a MicroProfile JWT bearer token. (A CDI bean so that the
 * MP-JWT extension sees its {@code @LoginConfig}.)
 */
@ApplicationScoped
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Caller.DEVICE, Caller.OPERATOR, Caller.AUDITOR, Caller.ADMIN})
public class SyncApplication extends Application {
}
