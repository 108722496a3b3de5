package io.connectors.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources against the test class path and packs them into a jar, so tests can load a data source
 * the way a third party ships one: as a jar dropped into the plugins directory, never on the class path.
 */
public final class PluginJarBuilder {

    private PluginJarBuilder() {}

    /** @param sources fully-qualified class name -> source code */
    public static Path build(Map<String, String> sources, Path jar) {
        return build(sources, Map.of(), System.getProperty("java.class.path"), jar);
    }

    /**
     * Compiles {@code sources} against {@code classPath} and packs the classes and {@code resources} (jar path -> text,
     * e.g. a {@code META-INF/services} file) into {@code jar}.
     */
    public static Path build(Map<String, String> sources, Map<String, String> resources, String classPath, Path jar) {
        try {
            Path work = Files.createTempDirectory("plugin-src");
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file.toString());
            }
            Path classes = Files.createDirectories(work.resolve("classes"));
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "21",
                    "-classpath", classPath, "-proc:none"));
            args.addAll(files);
            int status = compiler.run(null, null, null, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("compiling the plugin failed with status " + status);
            }
            Files.createDirectories(jar.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
                for (Map.Entry<String, String> resource : resources.entrySet()) {
                    out.putNextEntry(new JarEntry(resource.getKey()));
                    out.write(resource.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
