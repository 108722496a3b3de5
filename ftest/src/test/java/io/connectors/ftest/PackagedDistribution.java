package io.connectors.ftest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A distribution laid out as {@code make package} lays out {@code dist/connectors-0.1.0-SNAPSHOT} (see the Makefile), from this
 * checkout's build output: {@code bin/} (the scripts), {@code lib/} ({@code connector-core/target/lib/*.jar} and the
 * module jars {@code connector-*}{@code /target/connector-*.jar} but the test jars), an empty {@code plugins/}, and a
 * {@code config.yml}. By the time ftest's tests run, {@code mvn verify} (make test) has packaged those modules.
 */
public final class PackagedDistribution {

    private static final List<String> SCRIPTS = List.of("elastic-ingest", "connectors", "run-java", "find-jdk");

    private final Path home;

    private PackagedDistribution(Path home) {
        this.home = home;
    }

    /** Lays the distribution out in {@code home}, which must not exist yet. */
    public static PackagedDistribution assemble(Path home) {
        Path checkout = checkout();
        try {
            Files.createDirectories(home.resolve("bin"));
            Files.createDirectories(home.resolve("lib"));
            Files.createDirectories(home.resolve("plugins"));
            for (String script : SCRIPTS) {
                Files.copy(checkout.resolve("bin").resolve(script), home.resolve("bin").resolve(script),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
            List<Path> jars = new ArrayList<>(list(checkout.resolve("connector-core/target/lib"), "*.jar"));
            try (Stream<Path> modules = Files.list(checkout)) {
                for (Path module : modules.filter(dir -> dir.getFileName().toString().startsWith("connector-")).toList()) {
                    list(module.resolve("target"), "connector-*.jar").stream()
                            .filter(jar -> !jar.getFileName().toString().endsWith("-tests.jar"))
                            .forEach(jars::add);
                }
            }
            for (Path jar : jars) { // connector-api is in both: the module's own copy wins, as with make's cp
                Files.copy(jar, home.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.copy(checkout.resolve("config.yml"), home.resolve("config.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out a distribution in " + home + ": " + e.getMessage(), e);
        }
        return new PackagedDistribution(home);
    }

    public Path home() {
        return home;
    }

    public Path config() {
        return home.resolve("config.yml");
    }

    public Path script(String name) {
        return home.resolve("bin").resolve(name);
    }

    public List<Path> libraries() {
        return list(home.resolve("lib"), "*.jar");
    }

    public void writeConfig(String yaml) {
        try {
            Files.writeString(config(), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops the plugin whose classes are at {@code location} into {@code plugins/}: a jar as it is, a class folder
     * (a reactor build that stopped before {@code package}) jarred first. Returns the plugin's path.
     */
    public Path addPlugin(Path location, String jarName) {
        Path target = home.resolve("plugins").resolve(jarName);
        try {
            if (Files.isDirectory(location)) {
                jar(location, target);
            } else {
                Files.copy(location, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the plugin " + location + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** Where the classes of {@code type} were loaded from: a jar or a class folder. */
    public static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The result of a command run to its end. */
    public record Run(int exitCode, String output) {}

    /** Runs {@code bin/<script> args...} with {@code environment} added, waiting up to {@code timeoutSeconds}. */
    public Run run(String script, Map<String, String> environment, long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script(script).toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(home, script, ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeoutSeconds
                        + " s; its output:\n" + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The root of this checkout: the nearest directory above the working directory with a Makefile and connector-core. */
    static Path checkout() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("Makefile")) && Files.isDirectory(dir.resolve("connector-core"))) {
                if (!Files.isDirectory(dir.resolve("connector-core/target/lib"))) {
                    throw new IllegalStateException(dir + " is not packaged (no connector-core/target/lib): run 'make package'"
                            + " or 'mvn verify' first");
                }
                return dir;
            }
        }
        throw new IllegalStateException("no checkout of the framework above " + Path.of("").toAbsolutePath());
    }

    private static List<Path> list(Path dir, String glob) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var entries = Files.newDirectoryStream(dir, glob)) {
            List<Path> found = new ArrayList<>();
            entries.forEach(found::add);
            found.sort(null);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
