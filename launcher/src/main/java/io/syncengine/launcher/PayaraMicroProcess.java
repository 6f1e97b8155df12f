package io.syncengine.launcher;

import io.syncengine.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Payara Micro in a child process, running the readiness gate, the resource adapter and the application WAR. The
 * gate and the adapter are deployed by post-boot commands, which Micro runs before the {@code --deploy} archives:
 * the message-driven beans find the adapter, and readiness is DOWN from the first moment it answers until the
 * application has started (see {@code sync-readiness}). Settings reach the application as system properties (a
 * MicroProfile Config source).
 */
public final class PayaraMicroProcess implements AutoCloseable {

    /**
     * glibc's malloc gives threads that contend for it arenas of their own, up to eight per core; Payara's two
     * hundred threads kept 15 of them, 121 MiB resident, in a write bench. Two keep Payara's RSS about 80 MiB lower
     * at the same throughput (the JVM allocates its objects in its own heap, not with malloc). Set only when the
     * environment does not already say.
     */
    static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";
    static final String DEFAULT_MALLOC_ARENAS = Settings.fallback(MALLOC_ARENA_MAX);

    /** How long a stopping Micro may take before it is killed. */
    public static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final int httpPort;
    private final MicroConsole console = new MicroConsole(System.out);

    private PayaraMicroProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
        Thread output = new Thread(this::relayOutput, "payara-output");
        output.setDaemon(true);
        output.start();
    }

    /** Copies Micro's log to this process's standard output (see {@link MicroConsole}). */
    private void relayOutput() {
        try (InputStream output = process.getInputStream()) {
            console.relay(output);
        } catch (IOException e) {
            // the process ended
        }
    }

    /**
     * Writes the files Micro needs into {@code configDir} (the system properties, the pre- and post-boot commands)
     * and returns the Micro options that use them.
     *
     * @param transactionLogDir where the transaction manager keeps its log: it must survive restarts, so that
     *                          in-doubt two-phase transactions are recovered
     */
    public static List<String> options(Path configDir, Path readinessGate, Path resourceAdapter,
            Path transactionLogDir, int httpPort, Map<String, String> config) throws IOException {
        Files.createDirectories(configDir);
        Files.createDirectories(transactionLogDir);
        Path properties = configDir.resolve("sync.properties");
        Properties props = new Properties();
        props.putAll(config);
        try (OutputStream out = Files.newOutputStream(properties)) {
            props.store(out, "Sync server settings (written by the launcher on every start)");
        }
        Path preBoot = configDir.resolve("pre-boot-commands.txt");
        Files.writeString(preBoot, "set configs.config.server-config.transaction-service.tx-log-dir="
                + transactionLogDir.toAbsolutePath() + "\n"
                + "set configs.config.server-config.transaction-service.automatic-recovery=true\n");
        Path postBoot = configDir.resolve("post-boot-commands.txt");
        // The gate first: its check is registered before any application has started, when Payara still says DOWN.
        Files.writeString(postBoot, "deploy " + readinessGate.toAbsolutePath() + "\n"
                + "deploy " + resourceAdapter.toAbsolutePath() + "\n");
        return List.of("--port", Integer.toString(httpPort),
                "--systemproperties", properties.toAbsolutePath().toString(),
                "--prebootcommandfile", preBoot.toAbsolutePath().toString(),
                "--postbootcommandfile", postBoot.toAbsolutePath().toString());
    }

    /**
     * Starts Micro with a fresh root directory under {@code instanceDir} (deployments are not carried over from an
     * earlier run) and the transaction log kept beside it: from {@code prepared} when there is one, else from
     * {@code microJar}.
     */
    public static PayaraMicroProcess start(Path microJar, Optional<PreparedRuntime> prepared, Path war,
            Path readinessGate, Path resourceAdapter, Path instanceDir, int httpPort, Map<String, String> config,
            List<String> jvmOptions) throws IOException {
        Path rootDir = instanceDir.resolve("root");
        deleteTree(rootDir);
        List<String> command = new ArrayList<>();
        if (prepared.isPresent()) {
            command.addAll(prepared.get().command(jvmOptions, rootDir));
        } else {
            command.add(java());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(microJar.toAbsolutePath().toString());
            command.add("--rootdir");
            command.add(rootDir.toAbsolutePath().toString());
        }
        command.add("--nocluster");
        command.addAll(options(instanceDir.resolve("config"), readinessGate, resourceAdapter,
                instanceDir.resolve("tx-log"), httpPort, config));
        command.add("--deploy");
        command.add(war.toAbsolutePath().toString());
        return new PayaraMicroProcess(processBuilder(command).start(), httpPort);
    }

    /** How Micro's process is started: its output merged into one stream, and the malloc arenas bounded. */
    static ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Blank counts as unset, as for every other setting of the launcher.
        builder.environment().merge(MALLOC_ARENA_MAX, DEFAULT_MALLOC_ARENAS,
                (set, fallback) -> set.isBlank() ? fallback : set);
        return builder;
    }

    /** The java command of this JDK: Micro runs on the JDK the launcher runs on. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Waits until {@code /health/ready} answers 200 <em>with the application's own checks</em> in it: before the
     * application is deployed Micro answers 200 with no checks at all. Fails if the process dies or time runs out.
     */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with code " + process.exitValue());
            }
            String deployFailure = console.deployFailure();
            if (deployFailure != null) {
                throw new IllegalStateException(deployFailure);
            }
            try {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (applicationReady(answer.statusCode(), answer.body())) {
                    console.stopWatching();
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("Payara Micro was not ready within " + timeout.toSeconds() + " s");
    }

    /**
     * Whether a {@code /health/ready} answer says the application is ready: 200 with its own database and broker
     * checks, not a 200 Payara gives before they are registered.
     */
    public static boolean applicationReady(int status, String body) {
        return status == 200 && body.contains("\"database\"") && body.contains("\"broker\"");
    }

    public long pid() {
        return process.pid();
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop(process.toHandle());
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops a Payara Micro process as the launcher does: SIGTERM, up to {@link #STOP_LIMIT} to finish, then SIGKILL
     * (and waits for that). Also for a Micro this JVM did not start itself.
     *
     * @return whether it stopped by itself
     */
    public static boolean stop(ProcessHandle micro) throws InterruptedException {
        micro.destroy();
        try {
            micro.onExit().get(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            micro.destroyForcibly();
            micro.onExit().join();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
