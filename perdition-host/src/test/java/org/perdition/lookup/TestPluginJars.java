package org.perdition.lookup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.perdition.plugin.api.PopmapLookup;
import org.pf4j.Extension;

/**
 * Builds real plugin jars: compiles a lookup class and a pf4j Plugin class with javac (pf4j's
 * annotation processor writes META-INF/extensions.idx, as in a plugin build) and packs them
 * with a pf4j manifest, like plugin-posix-regex's pom does.
 */
final class TestPluginJars {

    private TestPluginJars() {
    }

    /**
     * @param lookupBody the body of a class {@code Lookup implements PopmapLookup} in package {@code pkg}
     * @param withIndex  false compiles without annotation processing, so the jar lacks extensions.idx
     */
    static Path build(Path workDir, Path jar, String pluginId, String pkg, String lookupBody, boolean withIndex)
            throws IOException {
        Path sources = Files.createDirectories(workDir.resolve("src-" + pluginId).resolve(pkg.replace('.', '/')));
        Path classes = Files.createDirectories(workDir.resolve("classes-" + pluginId));
        Files.writeString(sources.resolve("Lookup.java"), "package " + pkg + ";\n"
                + "import org.perdition.plugin.api.*;\n"
                + "@org.pf4j.Extension\n"
                + "public class Lookup implements PopmapLookup {\n" + lookupBody + "\n}\n");
        Files.writeString(sources.resolve("ThePlugin.java"), "package " + pkg + ";\n"
                + "public class ThePlugin extends org.pf4j.Plugin {}\n");
        compile(classes, withIndex, sources.resolve("Lookup.java"), sources.resolve("ThePlugin.java"));

        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", pluginId);
        main.putValue("Plugin-Class", pkg + ".ThePlugin");
        main.putValue("Plugin-Version", "0.0.1");
        main.putValue("Plugin-Provider", "tests");
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void compile(Path classes, boolean withIndex, Path... sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                location(PopmapLookup.class) + java.io.File.pathSeparator + location(Extension.class)));
        if (withIndex) {
            // JDK 23+ runs annotation processors only when named (JDK-8321314): name pf4j's.
            args.add("-processor");
            args.add("org.pf4j.processor.ExtensionAnnotationProcessor");
        } else {
            args.add("-proc:none");
        }
        for (Path source : sources) {
            args.add(source.toString());
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, args.toArray(String[]::new));
        if (status != 0) {
            throw new IOException("javac failed: " + messages.toString(StandardCharsets.UTF_8));
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
