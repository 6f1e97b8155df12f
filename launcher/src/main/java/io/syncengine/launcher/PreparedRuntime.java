package io.syncengine.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.logging.Logger;

/**
 * Payara Micro's runtime unpacked once per build, with a class-data-sharing archive of the classes Micro loads while
 * it boots and deploys the readiness gate and the resource adapter. Started from it, Micro maps those classes
 * instead of reading, parsing and verifying them again: in paired starts, ready 1–4 s sooner and a sixth less of
 * Payara's CPU until then (docs/benchmarks.md).
 *
 * <p>Started from its own jar, Micro unpacks its runtime into the instance's root directory on every start, with
 * new file times, so no archive could ever match it. Micro's {@code --outputlauncher} unpacks it once, into a
 * directory that keeps it, with a launcher jar whose manifest puts the runtime on the class path. That launcher
 * would also make the runtime's directory the instance's root, which two instances side by side cannot share; so
 * each instance gets a copy of the runtime's configuration in a root of its own, and Micro's main class is started
 * directly with the two system properties its launcher would set (see {@link #command}).
 *
 * <p>The archive is a JDK "dynamic" archive: written when a warm-up Micro ({@code --warmup}: boot, deploy, exit)
 * ends, on top of the JDK's own. It is valid for this JDK and for the runtime at this path; a stamp records both,
 * and {@link #prepare} makes it again when either differs. If the JVM cannot map it all the same, it starts without
 * it (only slower): the launcher does not pass {@code -Xshare:on}.
 */
public final class PreparedRuntime {

    static final String ARCHIVE = "payara.jsa";
    static final String LAUNCHER_JAR = "launch-micro.jar";
    private static final String STAMP = "prepared.properties";

    /** What Micro's own launcher jar sets before it starts Micro (Payara's {@code RootDirLauncher}). */
    static final String BOOT_JAR_PROPERTY = "fish.payara.micro.BootJar";
    static final String UNPACK_DIR_PROPERTY = "fish.payara.micro.UnpackDir";

    /** The parts of the runtime's directory that an instance's root needs: the rest is the runtime itself. */
    private static final List<String> INSTANCE_FILES = List.of("config", "docroot", "lib");

    private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(PreparedRuntime.class.getName());

    private final Path dir;
    private final String mainClass;
    private final List<String> moduleOptions;

    private PreparedRuntime(Path dir, String mainClass, List<String> moduleOptions) {
        this.dir = dir;
        this.mainClass = mainClass;
        this.moduleOptions = moduleOptions;
    }

    /**
     * The runtime prepared in {@code dir} from {@code microJar}, preparing it first when it is missing or was
     * prepared from another Micro jar or for another JDK. The warm-up runs with {@code jvmOptions} (those the
     * instances will run with) and deploys {@code warmUpDeployments} through a post-boot command file, as an
     * instance does. Another launcher preparing the same directory at the same time waits for this one.
     */
    static PreparedRuntime prepare(Path microJar, Path dir, List<String> jvmOptions, List<Path> warmUpDeployments)
            throws IOException, InterruptedException {
        Files.createDirectories(dir.getParent());
        Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            Properties wanted = stamp(microJar);
            if (!wanted.equals(readStamp(dir))) {
                long started = System.nanoTime();
                LOG.info("preparing Payara Micro's runtime and class-data archive in " + dir
                        + " (once for this build and JDK)");
                build(microJar, dir, jvmOptions, warmUpDeployments);
                try (OutputStream out = Files.newOutputStream(dir.resolve(STAMP))) {
                    wanted.store(out, "What this runtime and its archive were prepared from; any change prepares"
                            + " them again");
                }
                LOG.info(String.format("Payara Micro's runtime prepared in %.1f s", (System.nanoTime() - started)
                        / 1e9));
            }
            return open(dir);
        }
    }

    private static PreparedRuntime open(Path dir) throws IOException {
        try (JarFile jar = new JarFile(dir.resolve(LAUNCHER_JAR).toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            List<String> options = new ArrayList<>();
            // With -jar the JVM would read these two from the manifest; with -cp they must be options.
            words(manifest.getValue("Add-Opens")).forEach(p -> options.add("--add-opens=" + p + "=ALL-UNNAMED"));
            words(manifest.getValue("Add-Exports")).forEach(p -> options.add("--add-exports=" + p + "=ALL-UNNAMED"));
            String mainClass = Objects.requireNonNull(manifest.getValue("Start-Class"),
                    "no Start-Class in " + dir.resolve(LAUNCHER_JAR));
            return new PreparedRuntime(dir, mainClass, List.copyOf(options));
        }
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /** What the runtime and its archive depend on: the Micro jar it was unpacked from, and the JDK. */
    static Properties stamp(Path microJar) throws IOException {
        Properties stamp = new Properties();
        stamp.setProperty("micro.jar", microJar.toAbsolutePath().toString());
        stamp.setProperty("micro.jar.size", Long.toString(Files.size(microJar)));
        stamp.setProperty("micro.jar.modified", Long.toString(Files.getLastModifiedTime(microJar).toMillis()));
        stamp.setProperty("java.home", System.getProperty("java.home"));
        stamp.setProperty("java.vm.version", System.getProperty("java.vm.version"));
        return stamp;
    }

    private static Properties readStamp(Path dir) throws IOException {
        Properties stamp = new Properties();
        Path file = dir.resolve(STAMP);
        if (Files.isRegularFile(file) && Files.isRegularFile(dir.resolve(ARCHIVE))) {
            try (InputStream in = Files.newInputStream(file)) {
                stamp.load(in);
            }
        }
        return stamp;
    }

    private static void build(Path microJar, Path dir, List<String> jvmOptions, List<Path> warmUpDeployments)
            throws IOException, InterruptedException {
        PayaraMicroProcess.deleteTree(dir);
        Path work = Files.createTempDirectory("sync-micro-warmup");
        try {
            Path unpackLog = work.resolve("unpack.log");
            run(List.of(PayaraMicroProcess.java(), "-jar", microJar.toAbsolutePath().toString(), "--rootdir",
                    dir.toAbsolutePath().toString(), "--outputlauncher"), unpackLog);
            if (!Files.isRegularFile(dir.resolve(LAUNCHER_JAR))) {
                throw new IOException("Payara Micro wrote no " + LAUNCHER_JAR + " (" + unpackLog + ")");
            }
            PreparedRuntime runtime = open(dir);
            Path root = work.resolve("root");
            Path postBoot = work.resolve("post-boot-commands.txt");
            StringBuilder deploys = new StringBuilder();
            warmUpDeployments.forEach(d -> deploys.append("deploy ").append(d.toAbsolutePath()).append('\n'));
            Files.writeString(postBoot, deploys);
            Path archive = dir.resolve(ARCHIVE + ".part");
            List<String> warmUp = new ArrayList<>(jvmOptions);
            warmUp.add("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath());
            List<String> command = runtime.command(warmUp, root);
            command.addAll(List.of("--nocluster", "--port", Integer.toString(SyncServer.freePort()),
                    "--postbootcommandfile", postBoot.toAbsolutePath().toString(), "--warmup"));
            Path warmUpLog = work.resolve("warmup.log");
            run(command, warmUpLog);
            if (!Files.isRegularFile(archive)) {
                throw new IOException("the warm-up wrote no class-data archive: " + tail(warmUpLog));
            }
            Files.move(archive, dir.resolve(ARCHIVE), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            PayaraMicroProcess.deleteTree(work);
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(WARM_UP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("Payara Micro did not finish within " + WARM_UP_LIMIT.toMinutes() + " min: "
                    + tail(log));
        }
        if (process.exitValue() != 0) {
            throw new IOException("Payara Micro exited with code " + process.exitValue() + ": " + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /**
     * The command that starts Micro from this runtime with {@code rootDir} as the instance's root, up to Micro's own
     * options: the JVM options, the module options the launcher jar's manifest names, the archive, the two system
     * properties Micro's launcher jar would set, the class path and Micro's main class.
     */
    List<String> command(List<String> jvmOptions, Path rootDir) throws IOException {
        Files.createDirectories(rootDir);
        for (String part : INSTANCE_FILES) {
            copyTree(dir.resolve(part), rootDir.resolve(part));
        }
        List<String> command = new ArrayList<>();
        command.add(PayaraMicroProcess.java());
        command.addAll(moduleOptions);
        if (Files.isRegularFile(archive())) {
            command.add("-XX:SharedArchiveFile=" + archive().toAbsolutePath());
        }
        command.addAll(jvmOptions);
        command.add("-D" + BOOT_JAR_PROPERTY + "=" + dir.resolve(LAUNCHER_JAR).toAbsolutePath().toUri());
        command.add("-D" + UNPACK_DIR_PROPERTY + "=" + dir.toAbsolutePath());
        command.add("-cp");
        command.add(dir.resolve(LAUNCHER_JAR).toAbsolutePath().toString());
        command.add(mainClass);
        command.add("--rootdir");
        command.add(rootDir.toAbsolutePath().toString());
        return command;
    }

    Path archive() {
        return dir.resolve(ARCHIVE);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * {@link #prepare}, or none if preparing failed: Micro then starts from its own jar, as it did before there was
     * a prepared runtime, and the log says why.
     */
    static Optional<PreparedRuntime> prepareOrNone(Path microJar, Path dir, List<String> jvmOptions,
            List<Path> warmUpDeployments) {
        try {
            return Optional.of(prepare(microJar, dir, jvmOptions, warmUpDeployments));
        } catch (IOException e) {
            LOG.warning("Payara Micro starts from its jar, without a class-data archive: preparing its runtime"
                    + " failed: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
