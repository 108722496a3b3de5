package io.connectors.ftest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon ({@code io.connectors.core.cli.ElasticIngest -c config.yml}) as a separate operating-system process,
 * its output captured to a log file, and its memory watched: {@code VmHWM} (peak resident set size) and
 * {@code VmRSS} are read from {@code /proc/<pid>/status} every 200 ms while it runs.
 */
public final class DaemonProcess implements AutoCloseable {

    static final String MAIN_CLASS = "io.connectors.core.cli.ElasticIngest";
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

    private final Process process;
    private final Path log;
    private final List<String> command;
    private final ScheduledExecutorService sampler;
    private final AtomicLong peakHwmKiB = new AtomicLong();
    private final AtomicLong peakRssKiB = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread shutdownHook;

    private DaemonProcess(Process process, Path log, List<String> command) {
        this.process = process;
        this.log = log;
        this.command = List.copyOf(command);
        this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ftest-rss-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        // a runner stopped by Ctrl-C or killed takes its daemon along
        this.shutdownHook = new Thread(process::destroyForcibly, "ftest-daemon-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code java <jvmOptions> -cp <classPath> ElasticIngest -c <config>}, stdout and stderr to {@code log}.
     */
    public static DaemonProcess start(String classPath, List<String> jvmOptions, Path config, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // the daemon's own logging (connector-core's LogConfigurator), whatever logback-test.xml is on the class path
        command.add("-Dconnectors.logging=daemon");
        command.add("-cp");
        command.add(classPath);
        command.add(MAIN_CLASS);
        command.add("-c");
        command.add(config.toString());
        return exec(command, Map.of(), log);
    }

    /**
     * Starts {@code command}, which runs the daemon in the process it starts (a distribution's
     * {@code bin/elastic-ingest} execs its JVM), with {@code environment} added; stdout and stderr to {@code log}.
     */
    public static DaemonProcess exec(List<String> command, Map<String, String> environment, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().remove("LOG_FORMAT");
            builder.environment().remove("LOG_LEVEL");
            builder.environment().putAll(environment);
            return new DaemonProcess(builder.start(), log, command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the daemon: " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The command line, class path abbreviated. */
    public String commandLine() {
        List<String> shown = new ArrayList<>(command);
        int cp = shown.indexOf("-cp");
        if (cp >= 0 && cp + 1 < shown.size()) {
            shown.set(cp + 1, "<" + shown.get(cp + 1).split(java.io.File.pathSeparator).length + " class path entries>");
        }
        return String.join(" ", shown);
    }

    /** Reads {@code /proc/<pid>/status} now; the peak so far, in KiB ({@code VmHWM}, itself a high-water mark). */
    public long peakRssKiB() {
        sample();
        return peakHwmKiB.get();
    }

    /** The largest {@code VmRSS} seen by the 200 ms sampler, in KiB. */
    public long maxSampledRssKiB() {
        return peakRssKiB.get();
    }

    public long samples() {
        return samples.get();
    }

    private void sample() {
        if (!process.isAlive()) {
            return;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    peakHwmKiB.accumulateAndGet(kib(line), Math::max);
                } else if (line.startsWith("VmRSS:")) {
                    peakRssKiB.accumulateAndGet(kib(line), Math::max);
                }
            }
            samples.incrementAndGet();
        } catch (IOException | RuntimeException gone) {
            // the process ended between the check and the read, or there is no /proc: nothing to sample
        }
    }

    private static long kib(String line) {
        String digits = line.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    /**
     * SIGTERM, then waits up to {@code grace} for the exit; past it, SIGKILL. Returns the exit code, or -1 when the
     * process had to be killed.
     */
    public int stop(Duration grace) {
        sample();
        sampler.shutdownNow();
        if (!process.isAlive()) {
            return process.exitValue();
        }
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** The last {@code lines} lines of the log. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Lines of the log containing {@code text}. */
    public List<String> logLines(String text) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        sampler.shutdownNow();
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
