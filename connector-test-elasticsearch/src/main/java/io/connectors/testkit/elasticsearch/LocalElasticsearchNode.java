package io.connectors.testkit.elasticsearch;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local single-node Elasticsearch started from a distribution zip (the integ-test zip by default), for tests and
 * for running the daemon on a laptop. Each start unzips the distribution afresh into its own work dir: a node that
 * ever ran as root leaves a config it no longer accepts, so nothing is reused. Closing stops the node and deletes the
 * work dir; a JVM shutdown hook does the same if {@link #close()} was never called. Within one node's life,
 * {@link #stop()} and {@link #startAgain()} take it down and bring it back on the same work dir, data and ports (an
 * outage as a client sees it).
 */
public final class LocalElasticsearchNode implements AutoCloseable {

    /** The Elasticsearch version used when the {@code elasticsearch.version} system property is not set. */
    public static final String DEFAULT_VERSION = "9.5.2";

    private static final Logger LOG = LoggerFactory.getLogger(LocalElasticsearchNode.class);

    /** Elasticsearch refuses to run as root; this is {@code nobody}. */
    private static final int UNPRIVILEGED_ID = 65534;
    /** Marks a work dir as ours, so a start never wipes a folder it did not create. */
    private static final String MARKER_FILE = ".local-elasticsearch";
    private static final String CONSOLE_FILE = "console.log";
    private static final String PID_FILE = "es.pid";
    private static final Pattern HEALTHY = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");
    private static final Pattern BIND_FAILURE =
            Pattern.compile("BindHttpException|BindTransportException|BindException|Address already in use");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int TAIL_CHARS = 6_000;

    private final String version;
    private final URI httpUri;
    private final Path workDir;
    private final Launch launch;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The running server's pid, or -1 while {@link #stop()}ped. */
    private volatile long pid;
    private volatile @Nullable Process launcher;

    private LocalElasticsearchNode(String version, URI httpUri, long pid, Path workDir, Process launcher, Launch launch) {
        this.version = version;
        this.httpUri = httpUri;
        this.pid = pid;
        this.workDir = workDir;
        this.launcher = launcher;
        this.launch = launch;
        this.shutdownHook = new Thread(this::close, "local-elasticsearch-stop-" + pid);
    }

    /** What a start needs again to bring the same node back: the unzipped home, its files, whether to drop root. */
    private record Launch(Settings settings, Path home, Path tmp, Path console, Path pidFile, boolean root) {}

    /**
     * Where to find the distribution and how to run it.
     *
     * @param distributionZip the Elasticsearch distribution zip (with a single top folder {@code elasticsearch-<v>/})
     * @param workDir         where to unzip and keep data and logs; {@code null} for a fresh temp dir per start. An
     *                        existing dir must be empty or one a previous node used; it is deleted on close
     * @param heap            the JVM heap of the node, such as {@code 512m}
     * @param javaHome        the JDK (>= 21) that runs the node
     * @param startTimeout    how long to wait for the node to answer green or yellow
     * @param httpPort        the HTTP port, or 0 to pick a free one
     */
    public record Settings(
            Path distributionZip,
            @Nullable Path workDir,
            String heap,
            Path javaHome,
            Duration startTimeout,
            int httpPort) {

        private static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]?");

        public Settings {
            Objects.requireNonNull(distributionZip, "distributionZip");
            Objects.requireNonNull(heap, "heap");
            Objects.requireNonNull(javaHome, "javaHome");
            Objects.requireNonNull(startTimeout, "startTimeout");
            if (!HEAP.matcher(heap).matches()) {
                throw new IllegalArgumentException("heap must look like 512m or 1g, not " + heap);
            }
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, not " + startTimeout);
            }
            if (httpPort < 0 || httpPort > 65_535) {
                throw new IllegalArgumentException("httpPort must be 0 (pick a free one) or a port, not " + httpPort);
            }
        }

        /**
         * The defaults: the zip from the {@code elasticsearch.distribution} system property, else the integ-test zip of
         * version {@code elasticsearch.version} (default {@value LocalElasticsearchNode#DEFAULT_VERSION}) in the local
         * Maven repository ({@code maven.repo.local}, else {@code ~/.m2/repository}); a fresh temp work dir; a 512m
         * heap; the JDK of this JVM; a 90 s start timeout; a free HTTP port.
         */
        public static Settings defaults() {
            return new Settings(defaultDistributionZip(System::getProperty), null, "512m",
                    Path.of(System.getProperty("java.home")), Duration.ofSeconds(90), 0);
        }

        /** The default zip, resolved against the given system properties (a seam for tests). */
        static Path defaultDistributionZip(Function<String, @Nullable String> property) {
            String explicit = property.apply("elasticsearch.distribution");
            if (explicit != null && !explicit.isBlank()) {
                return Path.of(explicit);
            }
            String version = property.apply("elasticsearch.version");
            if (version == null || version.isBlank()) {
                version = DEFAULT_VERSION;
            }
            String repoProperty = property.apply("maven.repo.local");
            Path repo = repoProperty != null && !repoProperty.isBlank()
                    ? Path.of(repoProperty)
                    : Path.of(Objects.requireNonNull(property.apply("user.home"), "user.home"), ".m2", "repository");
            return repo.resolve(Path.of("org", "elasticsearch", "distribution", "integ-test-zip", "elasticsearch",
                    version, "elasticsearch-" + version + ".zip"));
        }

        public Settings withDistributionZip(Path value) {
            return new Settings(value, workDir, heap, javaHome, startTimeout, httpPort);
        }

        public Settings withWorkDir(@Nullable Path value) {
            return new Settings(distributionZip, value, heap, javaHome, startTimeout, httpPort);
        }

        public Settings withHeap(String value) {
            return new Settings(distributionZip, workDir, value, javaHome, startTimeout, httpPort);
        }

        public Settings withJavaHome(Path value) {
            return new Settings(distributionZip, workDir, heap, value, startTimeout, httpPort);
        }

        public Settings withStartTimeout(Duration value) {
            return new Settings(distributionZip, workDir, heap, javaHome, value, httpPort);
        }

        public Settings withHttpPort(int value) {
            return new Settings(distributionZip, workDir, heap, javaHome, startTimeout, value);
        }
    }

    /**
     * Unzips the distribution, starts a node and waits until it answers green or yellow.
     *
     * @throws IllegalStateException when the node cannot start or is not ready in time (with the tail of its output)
     */
    public static LocalElasticsearchNode start(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        checkJavaHome(settings.javaHome());
        if (!Files.isRegularFile(settings.distributionZip())) {
            throw new IllegalStateException("No Elasticsearch distribution at " + settings.distributionZip()
                    + ": let Maven resolve org.elasticsearch.distribution.integ-test-zip:elasticsearch:zip, or set"
                    + " the elasticsearch.distribution system property");
        }
        try {
            return attempt(settings);
        } catch (PortTakenException e) {
            // Another process took a port between picking and binding it: one more go with new ports (useless when
            // the taken one is the fixed HTTP port).
            if (settings.httpPort() != 0 && !e.getMessage().contains("BindTransportException")) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            LOG.info("Local Elasticsearch could not bind its ports ({}), retrying with new ones", e.bindFailure());
            try {
                return attempt(settings);
            } catch (PortTakenException again) {
                throw new IllegalStateException(again.getMessage(), again);
            }
        }
    }

    private static LocalElasticsearchNode attempt(Settings settings) throws PortTakenException {
        long startNanos = System.nanoTime();
        boolean root = runningAsRoot();
        Path workDir = prepareWorkDir(settings.workDir());
        Process launcher = null;
        boolean started = false;
        try {
            Path home = Distribution.unzip(settings.distributionZip(), workDir);
            String version = Distribution.version(home);
            int httpPort = settings.httpPort() != 0 ? settings.httpPort() : freePort(-1);
            int transportPort = freePort(httpPort);
            String clusterName = "local-es-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            Files.writeString(home.resolve("config").resolve("elasticsearch.yml"),
                    Distribution.configYaml(home, workDir, clusterName, httpPort, transportPort), UTF_8);
            Path tmp = Files.createDirectories(workDir.resolve("tmp"));
            if (root) {
                ensureTraversable(workDir);
                Distribution.chownRecursively(workDir, UNPRIVILEGED_ID, UNPRIVILEGED_ID);
            }
            Path console = workDir.resolve(CONSOLE_FILE);
            Path pidFile = workDir.resolve(PID_FILE);
            Launch launch = new Launch(settings, home, tmp, console, pidFile, root);
            launcher = launch(launch, false);
            URI httpUri = URI.create("http://127.0.0.1:" + httpPort);
            long pid = awaitReady(launcher, httpUri, pidFile, console, settings.startTimeout());
            LocalElasticsearchNode node = new LocalElasticsearchNode(version, httpUri, pid, workDir, launcher, launch);
            Runtime.getRuntime().addShutdownHook(node.shutdownHook);
            LOG.info("Started local Elasticsearch {} at {} (pid {}) in {} s", version, httpUri, pid,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9));
            started = true;
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start local Elasticsearch in " + workDir + ": " + e, e);
        } finally {
            if (!started) {
                // The exception carries the tail of the output, so nothing is kept for a post-mortem.
                stopProcesses(launcher, readPid(workDir.resolve(PID_FILE)));
                deleteQuietly(workDir);
            }
        }
    }

    /** The HTTP endpoint, {@code http://127.0.0.1:<port>} (no trailing slash). */
    public URI httpUri() {
        return httpUri;
    }

    /** The process id of the Elasticsearch server JVM (from its pid file, not the launcher's); -1 while stopped. */
    public long pid() {
        return pid;
    }

    /** Whether the server runs: started and neither {@link #stop()}ped since nor closed. */
    public boolean running() {
        long current = pid;
        return current > 0 && ProcessHandle.of(current).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Stops the server (SIGTERM, then SIGKILL after 20 s) but keeps its work dir, data and ports, so that
     * {@link #startAgain()} brings the same node back: clients see an outage, not a new cluster. Idempotent.
     */
    public synchronized void stop() {
        if (closed.get()) {
            throw new IllegalStateException("Local Elasticsearch at " + httpUri + " is closed; it cannot be stopped or started again");
        }
        if (pid < 0) {
            return;
        }
        long startNanos = System.nanoTime();
        long stopped = pid;
        stopProcesses(launcher, stopped);
        pid = -1;
        launcher = null;
        LOG.info("Stopped local Elasticsearch at {} (pid {}) in {} s, keeping {}", httpUri, stopped,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9), workDir);
    }

    /**
     * Starts the server again after {@link #stop()}: same work dir, data, cluster name and ports; waits until it answers
     * green or yellow (its indices recovered). A node that runs already is left as it is.
     *
     * @throws IllegalStateException when it cannot start (the ports were taken meanwhile, say), with its output's tail
     */
    public synchronized void startAgain() {
        if (closed.get()) {
            throw new IllegalStateException("Local Elasticsearch at " + httpUri + " is closed; it cannot be started again");
        }
        if (pid > 0) {
            return;
        }
        long startNanos = System.nanoTime();
        try {
            Files.deleteIfExists(launch.pidFile());
            Process restarted = launch(launch, true);
            launcher = restarted;
            pid = awaitReady(restarted, httpUri, launch.pidFile(), launch.console(), launch.settings().startTimeout());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start local Elasticsearch in " + workDir + " again: " + e, e);
        } catch (PortTakenException e) {
            throw new IllegalStateException("Cannot start local Elasticsearch again on its ports: " + e.getMessage(), e);
        }
        LOG.info("Started local Elasticsearch again at {} (pid {}) in {} s", httpUri, pid,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9));
    }

    /** Where the distribution is unzipped and the node keeps its data and logs; deleted on close. */
    public Path workDir() {
        return workDir;
    }

    /** The Elasticsearch version, from the top folder of the zip. */
    public String version() {
        return version;
    }

    /** Stops the node (SIGTERM, then SIGKILL after 20 s), its launcher, and deletes the work dir. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting and our hook may run concurrently; the CAS above keeps it from stopping twice.
            }
        }
        long startNanos = System.nanoTime();
        stopProcesses(launcher, pid);
        deleteQuietly(workDir);
        LOG.info("Stopped local Elasticsearch at {} (pid {}) in {} s", httpUri, pid,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9));
    }

    @Override
    public String toString() {
        return "LocalElasticsearchNode[" + version + " at " + httpUri + ", pid " + pid + ", " + workDir + "]";
    }

    private static void checkJavaHome(Path javaHome) {
        if (!Files.isExecutable(javaHome.resolve("bin").resolve("java"))) {
            throw new IllegalStateException("No java at " + javaHome + "/bin/java: set Settings.javaHome to a JDK >= 21");
        }
        int feature = javaFeatureVersion(javaHome);
        if (feature < 21) {
            throw new IllegalStateException("Elasticsearch needs a JDK >= 21, but " + javaHome + " is Java " + feature
                    + ": set Settings.javaHome to a JDK >= 21");
        }
    }

    /** The feature version of a JDK, from this JVM when it is that JDK, else from its {@code release} file. */
    private static int javaFeatureVersion(Path javaHome) {
        try {
            if (javaHome.toRealPath().equals(Path.of(System.getProperty("java.home")).toRealPath())) {
                return Runtime.version().feature();
            }
            for (String line : Files.readAllLines(javaHome.resolve("release"), UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String value = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String[] parts = value.split("[._+-]");
                    int major = Integer.parseInt(parts[0]);
                    return major == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : major;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot tell the Java version of " + javaHome
                    + " (no readable release file): set Settings.javaHome to a JDK >= 21", e);
        }
        throw new IllegalStateException("Cannot tell the Java version of " + javaHome
                + " (no JAVA_VERSION in its release file): set Settings.javaHome to a JDK >= 21");
    }

    private static Path prepareWorkDir(@Nullable Path requested) {
        try {
            Path dir;
            if (requested == null) {
                dir = Files.createTempDirectory("local-elasticsearch-");
            } else {
                dir = requested.toAbsolutePath().normalize();
                if (Files.exists(dir) && !Files.isDirectory(dir)) {
                    throw new IllegalStateException("Work dir " + dir + " is not a directory");
                }
                if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER_FILE))) {
                    try (var entries = Files.list(dir)) {
                        if (entries.findAny().isPresent()) {
                            throw new IllegalStateException("Work dir " + dir + " is not empty and was not made by a"
                                    + " local Elasticsearch node: refusing to wipe it");
                        }
                    }
                }
                Distribution.deleteRecursively(dir);
                Files.createDirectories(dir);
            }
            Files.createFile(dir.resolve(MARKER_FILE));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the work dir of a local Elasticsearch: " + e, e);
        }
    }

    /** The unprivileged node must reach its work dir, so every parent gets the x bit for others. */
    private static void ensureTraversable(Path workDir) throws IOException {
        for (Path dir = workDir.getParent(); dir != null; dir = dir.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                LOG.warn("Making {} traversable (o+x) so that Elasticsearch, run as uid {}, can reach {}", dir,
                        UNPRIVILEGED_ID, workDir);
                permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(dir, permissions);
            }
        }
    }

    private static boolean runningAsRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        if (File.separatorChar != '/') {
            return false;
        }
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes(), UTF_8).trim();
            return id.waitFor(10, TimeUnit.SECONDS) && "0".equals(out);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A free loopback port (other than {@code other}); the small race until the node binds it is retried once. */
    private static int freePort(int other) throws IOException {
        for (int i = 0; i < 10; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (socket.getLocalPort() != other) {
                    return socket.getLocalPort();
                }
            }
        }
        throw new IOException("No free port found");
    }

    /** Starts {@code bin/elasticsearch}; {@code again}: its output is appended to the console file of the first start. */
    private static Process launch(Launch launch, boolean again) throws IOException {
        Settings settings = launch.settings();
        Path home = launch.home();
        Path tmp = launch.tmp();
        Path console = launch.console();
        Path pidFile = launch.pidFile();
        boolean root = launch.root();
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
                    "--clear-groups"));
        }
        command.addAll(List.of(home.resolve("bin").resolve("elasticsearch").toString(), "-p", pidFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(again ? ProcessBuilder.Redirect.appendTo(console.toFile()) : ProcessBuilder.Redirect.to(console.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        // The scripts warn about (or would pick up) these; the node gets exactly what is set below.
        List.of("JAVA_HOME", "JAVA_OPTS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "CLI_JAVA_OPTS", "ES_PATH_CONF")
                .forEach(env::remove);
        env.put("ES_JAVA_HOME", settings.javaHome().toString());
        env.put("ES_JAVA_OPTS", "-Xms" + settings.heap() + " -Xmx" + settings.heap());
        env.put("ES_TMPDIR", tmp.toString());
        try {
            return builder.start();
        } catch (IOException e) {
            if (root) {
                throw new IOException("Cannot start Elasticsearch as uid " + UNPRIVILEGED_ID + " (it refuses root)"
                        + " with " + command + ": is setpriv (util-linux) installed?", e);
            }
            throw e;
        }
    }

    /** Polls the cluster health until green or yellow and returns the server pid. */
    private static long awaitReady(Process launcher, URI httpUri, Path pidFile, Path console, Duration timeout)
            throws PortTakenException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(httpUri.resolve("/_cluster/health"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build()) {
            while (true) {
                if (!launcher.isAlive()) {
                    String tail = tail(console);
                    String message = "Local Elasticsearch exited with code " + launcher.exitValue()
                            + " while starting. Last output:\n" + tail;
                    if (BIND_FAILURE.matcher(tail).find()) {
                        throw new PortTakenException(message);
                    }
                    throw new IllegalStateException(message);
                }
                long pid = readPid(pidFile);
                if (pid > 0 && isHealthy(http, health)) {
                    return pid;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Local Elasticsearch at " + httpUri + " was not green or yellow"
                            + " within " + timeout.toSeconds() + " s. Last output:\n" + tail(console));
                }
                Thread.sleep(POLL_INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for local Elasticsearch at " + httpUri, e);
        }
    }

    private static boolean isHealthy(HttpClient http, HttpRequest health) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && HEALTHY.matcher(response.body()).find();
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    /** The pid Elasticsearch wrote with {@code -p}, or -1 while there is none. */
    private static long readPid(Path pidFile) {
        try {
            String text = Files.readString(pidFile, UTF_8).trim();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (IOException | NumberFormatException notWrittenYet) {
            return -1;
        }
    }

    private static String tail(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - TAIL_CHARS);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            String tail = new String(bytes, UTF_8);
            // Start at a whole line.
            int newline = tail.indexOf('\n');
            return from > 0 && newline >= 0 ? tail.substring(newline + 1) : tail;
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** Stops the server (by its own pid when known), then whatever is left of the launcher's process tree. */
    private static void stopProcesses(@Nullable Process launcher, long serverPid) {
        if (serverPid > 0) {
            ProcessHandle.of(serverPid).ifPresent(server -> terminate(server, STOP_GRACE));
        }
        if (launcher != null) {
            launcher.descendants().toList().forEach(child -> terminate(child, STOP_GRACE));
            terminate(launcher.toHandle(), STOP_GRACE);
        }
    }

    private static void terminate(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Process {} did not stop within {} s, killing it", process.pid(), grace.toSeconds());
            process.destroyForcibly();
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException ignored) {
                LOG.warn("Process {} is still alive after SIGKILL", process.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException e) {
            LOG.warn("Cannot wait for process {} to stop", process.pid(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Distribution.deleteRecursively(dir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot delete {} of a local Elasticsearch: {}", dir, e.toString());
        }
    }

    /** The node could not bind a port that was free when picked. */
    private static final class PortTakenException extends Exception {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }

        /** The line that says which port, for a short log message. */
        String bindFailure() {
            return getMessage().lines()
                    .filter(line -> line.contains("Failed to bind"))
                    .findFirst()
                    .map(line -> line.substring(line.indexOf("Failed to bind")))
                    .orElse("address already in use");
        }
    }
}
