package io.syncengine.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Finds the server's two JVMs on this machine through {@code /proc}: Payara Micro (command line with
 * {@code payara-micro.jar}, or Micro's main class when it runs from the launcher's prepared runtime, and
 * {@code --port <port>}) and the launcher that hosts the embedded broker
 * ({@code sync-launcher.jar ... run}). When several launchers run, the one that started this Payara Micro (its
 * parent process) is the right one.
 */
final class ServerProcesses {

    private static final Path PROC = Path.of("/proc");
    /** Micro's main class, named on the command line when it starts from a prepared runtime (launcher). */
    private static final String MICRO_MAIN_CLASS = "fish.payara.micro.impl.PayaraMicroImpl";

    private ServerProcesses() {
    }

    /** The pids found; empty where no process matched. */
    record Pids(OptionalLong payara, OptionalLong launcher) {
    }

    static Pids find(int port) {
        OptionalLong payara = OptionalLong.empty();
        List<Long> launchers = new ArrayList<>();
        for (long pid : pids()) {
            List<String> args = commandLine(pid);
            if (payara.isEmpty() && isPayara(args, port)) {
                payara = OptionalLong.of(pid);
            } else if (args.stream().anyMatch(a -> a.endsWith("sync-launcher.jar")) && args.contains("run")) {
                launchers.add(pid);
            }
        }
        OptionalLong parent = payara.isPresent() ? parentOf(payara.getAsLong()) : OptionalLong.empty();
        OptionalLong launcher = parent.isPresent() && launchers.contains(parent.getAsLong()) ? parent
                : launchers.isEmpty() ? OptionalLong.empty() : OptionalLong.of(launchers.get(0));
        return new Pids(payara, launcher);
    }

    /** What {@link #find} takes for Payara Micro, for saying that none was found. */
    static String payaraCommand(int port) {
        return "payara-micro.jar or " + MICRO_MAIN_CLASS + " with --port " + port;
    }

    /** The resident set size in KiB ({@code VmRSS}), or empty when the process is gone. */
    static OptionalLong residentKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    static boolean isPayara(List<String> args, int port) {
        if (args.stream().noneMatch(a -> a.endsWith("payara-micro.jar") || a.equals(MICRO_MAIN_CLASS))) {
            return false;
        }
        int flag = args.indexOf("--port");
        return flag >= 0 && flag + 1 < args.size() && args.get(flag + 1).equals(Integer.toString(port));
    }

    private static OptionalLong parentOf(long pid) {
        return statusField(pid, "PPid:");
    }

    private static OptionalLong statusField(long pid, String field) {
        try (Stream<String> lines = Files.lines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
            return lines.filter(l -> l.startsWith(field))
                    .map(l -> l.substring(field.length()).replace("kB", "").strip())
                    .mapToLong(Long::parseLong)
                    .findFirst();
        } catch (IOException | RuntimeException gone) {
            return OptionalLong.empty();
        }
    }

    private static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException gone) {
            return List.of();
        }
    }

    private static List<Long> pids() {
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
