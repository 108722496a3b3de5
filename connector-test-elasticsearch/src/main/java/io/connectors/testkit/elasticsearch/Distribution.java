package io.connectors.testkit.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** File-system chores of a local node: unzipping the distribution, its config, ownership and clean-up. */
final class Distribution {

    private static final String TOP_FOLDER_PREFIX = "elasticsearch-";

    private Distribution() {
    }

    /**
     * Unzips {@code zip} into {@code target} and returns the Elasticsearch home (the zip's single top folder,
     * {@code elasticsearch-<version>/}).
     */
    static Path unzip(Path zip, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        String top = null;
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zipFile.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    throw new IOException("Zip entry " + entry.getName() + " of " + zip + " points outside " + root);
                }
                String first = root.relativize(out).getName(0).toString();
                if (top == null) {
                    top = first;
                } else if (!top.equals(first)) {
                    throw new IOException(zip + " has more than one top folder (" + top + ", " + first + ")");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zipFile.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                // java.util.zip drops the unix modes, and the launch scripts (and any native controller) must run.
                if (inBinFolder(root.relativize(out)) && !out.toFile().setExecutable(true, false)) {
                    throw new IOException("Cannot make " + out + " executable");
                }
            }
        }
        if (top == null || !top.startsWith(TOP_FOLDER_PREFIX)) {
            throw new IOException(zip + " is not an Elasticsearch distribution: no top folder " + TOP_FOLDER_PREFIX
                    + "<version>/");
        }
        return root.resolve(top);
    }

    /** Whether a path (relative to the unzip target) sits in a folder named {@code bin}, at any depth. */
    static boolean inBinFolder(Path relative) {
        Path parent = relative.getParent();
        if (parent == null) {
            return false;
        }
        for (Path segment : parent) {
            if (segment.toString().equals("bin")) {
                return true;
            }
        }
        return false;
    }

    /** The version from the name of the home folder, {@code elasticsearch-9.5.2}. */
    static String version(Path home) {
        return home.getFileName().toString().substring(TOP_FOLDER_PREFIX.length());
    }

    /**
     * The {@code elasticsearch.yml} of a throw-away single node. Settings of absent modules are left out because
     * Elasticsearch refuses to start on unknown settings, and the integ-test zip has only a few modules.
     */
    static String configYaml(Path home, Path workDir, String clusterName, int httpPort, int transportPort) {
        StringBuilder yaml = new StringBuilder()
                .append("# Written by LocalElasticsearchNode: a throw-away single node.\n")
                .append("cluster.name: ").append(quoted(clusterName)).append('\n')
                .append("discovery.type: single-node\n")
                .append("network.host: 127.0.0.1\n")
                .append("http.port: ").append(httpPort).append('\n')
                .append("transport.port: ").append(transportPort).append('\n')
                .append("path.data: ").append(quoted(workDir.resolve("data").toString())).append('\n')
                .append("path.logs: ").append(quoted(workDir.resolve("logs").toString())).append('\n')
                .append("action.destructive_requires_name: false\n")
                // A busy disk must never turn the test indices read-only.
                .append("cluster.routing.allocation.disk.threshold_enabled: false\n");
        // x-pack-core registers both settings (even when the ml module itself is absent).
        if (Files.isDirectory(home.resolve("modules").resolve("x-pack-core"))) {
            yaml.append("xpack.security.enabled: false\n")
                    .append("xpack.ml.enabled: false\n");
        }
        return yaml.toString();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Gives {@code dir} and everything in it to {@code uid:gid} (no symlinks are followed). */
    static void chownRecursively(Path dir, int uid, int gid) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
