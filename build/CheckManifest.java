import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * Run by every jar module at {@code verify} (see the parent pom): fails the build when the module's
 * jar lacks a manifest entry it must carry, or when its sources or javadoc jar was not built.
 *
 * <p>Usage: {@code java CheckManifest.java <jar> <skipped classifiers, comma-separated or "none"> Name=value...}
 */
public final class CheckManifest {

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(jar)) {
            problems.add("no jar at " + jar);
        } else {
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes main = file.getManifest() == null ? new Attributes() : file.getManifest().getMainAttributes();
                for (int i = 2; i < args.length; i++) {
                    String[] entry = args[i].split("=", 2);
                    String actual = main.getValue(entry[0]);
                    if (!entry[1].equals(actual)) {
                        problems.add("manifest entry " + entry[0] + " is " + (actual == null ? "missing" : "'" + actual + "'")
                                + ", expected '" + entry[1] + "'");
                    }
                }
            }
            String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            List<String> skipped = List.of(args[1].split(","));
            for (String classifier : new String[] {"sources", "javadoc"}) {
                if (!skipped.contains(classifier) && !Files.isRegularFile(jar.resolveSibling(base + "-" + classifier + ".jar"))) {
                    problems.add("no " + classifier + " jar beside it");
                }
            }
        }
        if (!problems.isEmpty()) {
            System.err.println(jar.getFileName() + ": " + String.join("; ", problems));
            System.exit(1);
        }
        System.out.println(jar.getFileName() + ": manifest entries, sources and javadoc jars present");
    }
}
