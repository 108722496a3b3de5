package io.connectors.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} says about a process: resident memory (current and peak) and CPU time. Every method
 * answers empty where {@code /proc} is missing or unreadable, so the bench still runs (without those figures)
 * elsewhere.
 */
final class Proc {

    /** Clock ticks per second of {@code utime}/{@code stime}: 100 on every Linux this runs on (USER_HZ). */
    private static final long TICKS_PER_SECOND = 100;

    private Proc() {}

    static long selfPid() {
        return ProcessHandle.current().pid();
    }

    /** Peak resident set size ({@code VmHWM}) in bytes. */
    static OptionalLong peakRss(long pid) {
        return statusField(pid, "VmHWM:");
    }

    /** Current resident set size ({@code VmRSS}) in bytes. */
    static OptionalLong rss(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /**
     * Resets this process's {@code VmHWM} to its current RSS (writing 5 to {@code /proc/self/clear_refs}, Linux >= 4.0),
     * so the next {@link #peakRss} is the peak of what follows. False when the kernel refused.
     */
    static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** User + system CPU time of the process (all its threads) in nanoseconds. */
    static OptionalLong cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // the command name (field 2) may hold spaces: fields are counted after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * 1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * CPU time of each live thread of {@code pid} in nanoseconds, by thread id, with the thread's name (Linux cuts it
     * to 15 characters: "C2 CompilerThre", "GC Thread#0"). Empty where {@code /proc} is unreadable.
     */
    static Map<Long, ThreadCpu> threads(long pid) {
        Map<Long, ThreadCpu> threads = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    threads.put(Long.parseLong(task.getFileName().toString()),
                            new ThreadCpu(name, ticks * 1_000_000_000L / TICKS_PER_SECOND));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return threads;
    }

    /** One thread's name and CPU time. */
    record ThreadCpu(String name, long cpuNanos) {

        /** The JIT compiler threads (C1 and C2; JDK 25 names them "C1 CompilerThread0" and so on). */
        boolean compiler() {
            return name.contains("CompilerThre");
        }

        /**
         * The collector's threads: the parallel and G1 workers ("GC Thread#n", "G1 ..."), and the "VM Thread", where
         * the serial collector collects (and where the JVM runs its other safepoint operations).
         */
        boolean gc() {
            return name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")
                    || name.startsWith("GC ") || name.startsWith("ZGC") || name.startsWith("Shenandoah");
        }
    }

    /** Total memory of the machine in bytes ({@code MemTotal}). */
    static OptionalLong memTotal() {
        try {
            return field(Files.readAllLines(Path.of("/proc/meminfo")), "MemTotal:");
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The model name of the first CPU, or "unknown". */
    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static OptionalLong statusField(long pid, String name) {
        try {
            return field(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")), name);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    // lines such as "VmHWM:	  123456 kB"
    private static OptionalLong field(List<String> lines, String name) {
        for (String line : lines) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).strip().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value);
            }
        }
        return OptionalLong.empty();
    }
}
