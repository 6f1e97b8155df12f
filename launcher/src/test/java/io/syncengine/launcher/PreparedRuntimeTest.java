package io.syncengine.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepared runtime, on the real Payara Micro jar the build copies: prepared once, prepared again when what it
 * was made from changes, and a Micro started from it boots with an instance root of its own and takes its classes
 * from the archive.
 */
class PreparedRuntimeTest {

    private static final Path MICRO_JAR = Path.of("target", "payara-micro.jar");
    private static final List<String> JVM = List.of("-Xmx384m", SyncServer.COLLECTOR);

    @TempDir
    static Path work;

    private static PreparedRuntime runtime;

    @BeforeAll
    static void prepare() throws Exception {
        assertTrue(Files.isRegularFile(MICRO_JAR), "the build copies Payara Micro to " + MICRO_JAR);
        runtime = PreparedRuntime.prepare(MICRO_JAR, work.resolve("runtime"), JVM, List.of());
    }

    @Test
    void microBootsFromThePreparedRuntimeWithItsClassesFromTheArchive() throws Exception {
        Path root = work.resolve("instance-root");
        List<String> command = new ArrayList<>(runtime.command(new ArrayList<>(JVM), root));
        // -Xshare:on: the JVM refuses to start rather than run without the archive.
        command.add(1, "-Xshare:on");
        command.add(1, "-Xlog:class+load=info:file=" + work.resolve("classes.log"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        command.addAll(List.of("--nocluster", "--port", Integer.toString(port), "--warmup"));
        Process micro = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("micro.log").toFile()).start();
        assertTrue(micro.waitFor(3, TimeUnit.MINUTES), "Micro booted and ended");
        assertEquals(0, micro.exitValue(), () -> "Micro's exit code; its log: " + log("micro.log"));

        // Micro kept its configuration in the instance's root, not in the runtime's directory.
        assertTrue(Files.isRegularFile(root.resolve("config/domain.xml")));
        List<String> payaraFromArchive = Files.readAllLines(work.resolve("classes.log")).stream()
                .filter(line -> line.contains("fish.payara.micro.impl.PayaraMicroImpl "))
                .filter(line -> line.contains("shared objects file (top)"))
                .toList();
        assertEquals(1, payaraFromArchive.size(), "Micro's main class came from the archive");
    }

    @Test
    void theRuntimeIsPreparedAgainOnlyWhenWhatItWasMadeFromChanges() throws Exception {
        Path dir = work.resolve("runtime");
        Path archive = dir.resolve(PreparedRuntime.ARCHIVE);
        FileTime first = Files.getLastModifiedTime(archive);

        PreparedRuntime.prepare(MICRO_JAR, dir, JVM, List.of());
        assertEquals(first, Files.getLastModifiedTime(archive), "nothing changed: the same archive");

        // As if the runtime had been prepared for another JDK.
        Path stampFile = dir.resolve("prepared.properties");
        Properties stamp = loaded(stampFile);
        stamp.setProperty("java.vm.version", "0-another-jdk");
        try (OutputStream out = Files.newOutputStream(stampFile)) {
            stamp.store(out, null);
        }
        PreparedRuntime.prepare(MICRO_JAR, dir, JVM, List.of());
        assertNotEquals(first, Files.getLastModifiedTime(archive), "prepared again");
        assertEquals(PreparedRuntime.stamp(MICRO_JAR), loaded(stampFile));
    }

    private static Properties loaded(Path file) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static String log(String name) {
        try {
            List<String> lines = Files.readAllLines(work.resolve(name));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
