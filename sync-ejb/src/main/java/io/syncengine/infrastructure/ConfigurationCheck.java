package io.syncengine.infrastructure;

import io.syncengine.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks every setting against {@link Settings} before anything else starts (the schema migration depends on it):
 * a missing or invalid one stops the deployment with one line per bad setting, naming it, instead of a failure
 * somewhere later.
 */
@Singleton
@Startup
public class ConfigurationCheck {

    private static final Logger LOG = Logger.getLogger(ConfigurationCheck.class.getName());

    @PostConstruct
    void check() {
        Config config = ConfigProvider.getConfig();
        List<String> problems = Settings.configurationProblems(
                key -> config.getOptionalValue(key, String.class).orElse(null));
        if (!problems.isEmpty()) {
            problems.forEach(problem -> LOG.severe("sync-server: " + problem));
            throw new IllegalStateException("sync-server: " + String.join("; ", problems));
        }
    }
}
