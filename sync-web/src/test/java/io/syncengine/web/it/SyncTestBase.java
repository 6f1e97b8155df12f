package io.syncengine.web.it;

import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What every black-box test of the real stack shares: the application as packaged, the server's address, and a
 * tenant of its own per test, so tests never see each other's data.
 */
@SyncIntegrationTest
abstract class SyncTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    private URL base;

    protected final String tenant = "t-" + Ops.id();

    protected Api api() {
        return new Api(base);
    }

    /** Loopback URI of a path of the application (for clients other than {@link Api}, e.g. an event stream). */
    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + base.getPort() + path);
    }

    /** A token of this test's tenant for {@code deviceId}. */
    protected String device(String deviceId) {
        return SyncStack.get().token(tenant, "device", deviceId);
    }

    /** A token of this test's tenant for a person in {@code role} (operator, auditor, admin). */
    protected String person(String role) {
        return SyncStack.get().token(tenant, role, null);
    }
}
