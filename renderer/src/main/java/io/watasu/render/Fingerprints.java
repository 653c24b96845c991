package io.watasu.render;

import com.github.jknack.handlebars.Handlebars;
import io.watasu.model.Team;
import io.watasu.plan.PlannedFile;
import io.watasu.yaml.ManifestYaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Fingerprints of rendered files: SHA-256 over everything a file's bytes depend on, so that equal fingerprints mean
 * equal output. That is the file's plan (its path and plan records, encoded canonically), the texts of the effective
 * templates, and the renderer build: the code that renders (every entry of the watasu jar, or the class folders and
 * library jars when not run from one) and the Java feature version. Hashing the code itself, rather than trusting
 * a version number, means any rebuild with a changed template helper, check or library renders everything again,
 * while rebuilding unchanged sources (or building them on another machine with the same Java) keeps the
 * fingerprints, so a committed output folder does not churn between machines.
 */
final class Fingerprints {
    private final byte[] renderIdentity;

    Fingerprints(String templateTexts) {
        MessageDigest digest = sha256();
        digest.update(BuildIdentity.VALUE.getBytes(StandardCharsets.UTF_8));
        digest.update(templateTexts.getBytes(StandardCharsets.UTF_8));
        this.renderIdentity = digest.digest();
    }

    /** The fingerprint of one output file. */
    String of(PlannedFile file) {
        StringBuilder canonical = new StringBuilder(1024);
        encode(file, canonical);
        return digest(canonical);
    }

    /**
     * The fingerprint of every file of one team folder, for a Namespace that lists the team's apps or not: they are
     * rendered from the team and the platform alone (see {@link io.watasu.plan.PolicyPlanner#planTeam}). Far cheaper
     * than the files' plans: the model is a small fraction of what it renders to. It takes the {@link #digestOf
     * digests} of the team and the platform, so that a team seen alike by clusters with different platforms is
     * encoded and hashed once, not per platform.
     */
    String ofTeamFolder(byte[] team, byte[] platform, boolean appLabels) {
        MessageDigest digest = sha256();
        digest.update(renderIdentity);
        digest.update((appLabels ? "team-folder+app-labels;" : "team-folder;").getBytes(StandardCharsets.UTF_8));
        digest.update(platform);
        digest.update(team);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256 of the canonical encoding of a model value (a team, a platform). */
    static byte[] digestOf(Object value) {
        StringBuilder canonical = new StringBuilder(4096);
        encode(value, canonical);
        return sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String digest(StringBuilder canonical) {
        MessageDigest digest = sha256();
        digest.update(renderIdentity);
        digest.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * An unambiguous encoding of a plan or model value: type tags, lengths before strings, lists and maps, the
     * record's class (which fixes its components). A type it does not know fails loudly rather than hashing to
     * something that might collide.
     */
    static void encode(Object value, StringBuilder out) {
        if (value == null) {
            out.append('N');
        } else if (value instanceof String text) {
            out.append('S').append(text.length()).append(':').append(text);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            out.append('V').append(value).append(';');
        } else if (value instanceof Enum<?> constant) {
            out.append('E').append(constant.getDeclaringClass().getName()).append('.').append(constant.name())
                    .append(';');
        } else if (value instanceof List<?> list) {
            out.append('L').append(list.size()).append(':');
            list.forEach(element -> encode(element, out));
        } else if (value instanceof Map<?, ?> map) {
            out.append('M').append(map.size()).append(':');
            // Sorted: the model's label maps are immutable maps whose iteration order changes from run to run.
            new TreeMap<>(map).forEach((key, element) -> {
                encode(key, out);
                encode(element, out);
            });
        } else if (value instanceof Record record) {
            RecordType type = RECORD_TYPES.get(record.getClass());
            out.append('R').append(type.tag).append('{');
            for (Method accessor : type.accessors) {
                try {
                    encode(accessor.invoke(record), out);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + accessor + " of a plan record", e);
                }
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("no canonical encoding for values of " + value.getClass());
        }
    }

    /**
     * A record class's tag (the last part of its package and its simple name) and component accessors, made
     * accessible once: an access check per call (a caller-class lookup each time) cost more than the hashing.
     */
    private record RecordType(String tag, Method[] accessors) {
    }

    private static final Set<String> ENCODED_PACKAGES =
            Set.of(PlannedFile.class.getPackageName(), Team.class.getPackageName());

    private static final ClassValue<RecordType> RECORD_TYPES = new ClassValue<>() {
        @Override
        protected RecordType computeValue(Class<?> type) {
            if (!ENCODED_PACKAGES.contains(type.getPackageName())) {
                throw new IllegalArgumentException("no canonical encoding for " + type + " outside the plan and model");
            }
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
            }
            return new RecordType(type.getPackageName().substring(type.getPackageName().lastIndexOf('.') + 1)
                    + "." + type.getSimpleName(), accessors);
        }
    };

    /** Computed once per process. */
    private static final class BuildIdentity {
        static final String VALUE = compute();

        private static String compute() {
            MessageDigest digest = sha256();
            digest.update(("java " + Runtime.version().feature() + "\n").getBytes(StandardCharsets.UTF_8));
            Set<Path> codeSources = new LinkedHashSet<>();
            for (Class<?> type : List.of(Fingerprints.class, Handlebars.class, ManifestYaml.PARSER)) {
                codeSources.add(codeSource(type));
            }
            for (Path source : codeSources) {
                digestCode(source, digest);
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        private static Path codeSource(Class<?> type) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException("cannot locate the code of " + type.getName());
            }
            try {
                return Path.of(source.getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the code of " + type.getName(), e);
            }
        }

        /**
         * A jar by its entries' names, sizes and CRC-32s (read from its directory, so cheap; entry times are left
         * out so that rebuilding the same sources gives the same identity), or every file of a class folder with
         * its relative path and content.
         */
        private static void digestCode(Path root, MessageDigest digest) {
            try {
                if (Files.isDirectory(root)) {
                    try (Stream<Path> walk = Files.walk(root)) {
                        for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                            byte[] content = Files.readAllBytes(file);
                            digest.update((root.relativize(file) + "\0" + content.length + ":")
                                    .getBytes(StandardCharsets.UTF_8));
                            digest.update(content);
                        }
                    }
                    return;
                }
                try (ZipFile jar = new ZipFile(root.toFile())) {
                    StringBuilder entries = new StringBuilder();
                    jar.stream().filter(entry -> !entry.isDirectory())
                            .sorted(Comparator.comparing(ZipEntry::getName))
                            .forEach(entry -> entries.append(entry.getName()).append('\0').append(entry.getSize())
                                    .append(':').append(entry.getCrc()).append('\n'));
                    digest.update(entries.toString().getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the renderer's code at " + root, e);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
