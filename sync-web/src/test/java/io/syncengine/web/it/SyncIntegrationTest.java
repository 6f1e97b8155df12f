package io.syncengine.web.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A black-box test of the real stack: the {@link SyncStack} (PostgreSQL, Artemis) starts first, then Arquillian
 * starts Payara Micro with the resource adapter and deploys the application, and {@link ApplicationDeployed} checks
 * that the application really answers. After the class, {@link SyncStack} waits for that Micro to stop.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({SyncStack.class, ArquillianExtension.class, ApplicationDeployed.class})
public @interface SyncIntegrationTest {
}
