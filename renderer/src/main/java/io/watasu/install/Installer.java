package io.watasu.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Puts a distribution ({@code bin/watasu}, {@code lib/watasu.jar}, ...) under a prefix so that {@code watasu} is on
 * PATH, and takes it away again.
 *
 * <p>Under the prefix DIR it owns {@code DIR/lib/watasu/} (a copy of the distribution) as a whole, and outside it
 * the entries of {@link #entries}: {@code DIR/bin/watasu}, a relative symbolic link into that folder, and the bash
 * completion script. What those entries held when they were installed is recorded in
 * {@code DIR/lib/watasu/installed-files.txt}; an entry is replaced or removed only when it is missing, already
 * right, or still exactly what that record says. Anything else in the way (someone else's {@code watasu}, a
 * completion script edited by hand, a symbolic link planted in place of a file) stops the installation before it
 * changes anything. Installing is idempotent, and installations into one prefix take turns (a lock file).
 */
public final class Installer {
    /** The record of what an installation put outside its folder, inside that folder. */
    public static final String RECEIPT = "installed-files.txt";
    static final String HOME = "lib/watasu";
    static final String LINK = "bin/watasu";
    static final String LINK_TARGET = "../lib/watasu/bin/watasu";
    static final String BASH_COMPLETION = "share/bash-completion/completions/watasu";
    /** Folders being swapped in or out start with this; any left by a killed run are removed by the next. */
    private static final String SWAP_PREFIX = ".watasu-install-";
    private static final String LOCK = ".watasu-install.lock";
    private static final Set<String> KNOWN_ENTRIES = Set.of(LINK, BASH_COMPLETION);
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path distribution;
    private final Path prefix;
    private final String version;
    private final String completionScript;

    /**
     * @param distribution     the unpacked distribution to install (its {@code bin/watasu} and {@code lib/watasu.jar})
     * @param prefix           DIR, absolute
     * @param version          the distribution's version, recorded in the receipt
     * @param completionScript the bash completion script to install
     */
    public Installer(Path distribution, Path prefix, String version, String completionScript) {
        this.distribution = distribution;
        this.prefix = prefix.toAbsolutePath().normalize();
        this.version = version;
        this.completionScript = completionScript;
    }

    /** The installation in {@code prefix}, to {@link #uninstall()}. */
    public static Installer at(Path prefix) {
        return new Installer(null, prefix, null, null);
    }

    /** What happened to one path. */
    public enum Action { CREATED, REPLACED, UNCHANGED, REMOVED, LEFT_ALONE }

    public record Change(Path path, Action action, String note) {
    }

    public Path prefix() {
        return prefix;
    }

    public Path home() {
        return prefix.resolve(HOME);
    }

    public Path command() {
        return prefix.resolve(LINK);
    }

    public Path bashCompletion() {
        return prefix.resolve(BASH_COMPLETION);
    }

    /**
     * Installs, or finds the installation already right.
     *
     * @return one change per path (all {@link Action#UNCHANGED} when nothing was to do)
     * @throws InstallException when something in the way is not watasu's, or the distribution is incomplete
     */
    public List<Change> install() throws InstallException, IOException {
        Objects.requireNonNull(distribution, "an installer made by at(prefix) only uninstalls");
        Map<String, Path> files = distributionFiles();
        // A first look without the lock, so that a refusal leaves DIR exactly as it was (not even a lock file).
        plan(files);
        Files.createDirectories(prefix.resolve("lib"));
        return underLock(() -> {
            removeLeftovers();
            Plan plan = plan(files);
            if (plan.changes().get(0).action() != Action.UNCHANGED) {
                swapInHome(files, plan.receipt());
            }
            for (Change change : plan.changes().subList(1, plan.changes().size())) {
                if (change.action() != Action.UNCHANGED) {
                    write(change.path());
                }
            }
            return plan.changes();
        });
    }

    /** What an installation would change: the folder first, then each entry; the receipt it would record. */
    private record Plan(List<Change> changes, Receipt receipt) {
    }

    private Plan plan(Map<String, Path> files) throws InstallException, IOException {
        Optional<Receipt> installed = installedReceipt();
        Receipt wanted = new Receipt(version, entries());
        List<Change> changes = new ArrayList<>();
        boolean homeUnchanged = installed.isPresent() && installed.get().equals(wanted) && sameFiles(files);
        changes.add(new Change(home(), homeUnchanged ? Action.UNCHANGED
                : Files.exists(home(), LinkOption.NOFOLLOW_LINKS) ? Action.REPLACED : Action.CREATED,
                "watasu " + version));
        for (Map.Entry<String, String> entry : wanted.entries().entrySet()) {
            Path path = prefix.resolve(entry.getKey());
            String current = fingerprintOf(path);
            Action action;
            if (current == null) {
                action = Action.CREATED;
            } else if (current.equals(entry.getValue())) {
                action = Action.UNCHANGED;
            } else if (installed.map(r -> current.equals(r.entries().get(entry.getKey()))).orElse(false)) {
                action = Action.REPLACED;
            } else {
                throw new InstallException(path + " exists and was not put there by a watasu installation ("
                        + describe(current) + "); move it away, or install with another --prefix");
            }
            changes.add(new Change(path, action, describe(entry.getValue())));
        }
        return new Plan(changes, wanted);
    }

    /**
     * Removes the installation: the entries that are still what was installed, then {@code DIR/lib/watasu}.
     *
     * @return what was removed and what was left alone (and why); empty when nothing is installed in DIR
     * @throws InstallException when DIR/lib/watasu exists but is not a watasu installation (nothing is removed)
     */
    public List<Change> uninstall() throws InstallException, IOException {
        if (installedReceipt().isEmpty()) {
            return List.of();
        }
        return underLock(() -> {
            Optional<Receipt> receipt = installedReceipt();
            if (receipt.isEmpty()) {
                return List.of();
            }
            List<Change> changes = new ArrayList<>();
            for (Map.Entry<String, String> entry : receipt.get().entries().entrySet()) {
                Path path = prefix.resolve(entry.getKey());
                String current = fingerprintOf(path);
                if (current == null) {
                    continue;
                }
                if (current.equals(entry.getValue())) {
                    Files.delete(path);
                    changes.add(new Change(path, Action.REMOVED, describe(current)));
                } else {
                    changes.add(new Change(path, Action.LEFT_ALONE, "it changed since the installation"));
                }
            }
            deleteTree(home());
            changes.add(new Change(home(), Action.REMOVED, "watasu " + receipt.get().version()));
            removeLeftovers();
            Files.deleteIfExists(prefix.resolve("lib").resolve(LOCK));
            return changes;
        });
    }

    private interface Locked<T> {
        T run() throws InstallException, IOException;
    }

    /**
     * Runs {@code work} while holding DIR/lib/.watasu-install.lock: installations into one prefix take turns, across
     * processes (the file lock) and within one (the class lock; a JVM cannot lock a file twice).
     */
    private <T> T underLock(Locked<T> work) throws InstallException, IOException {
        synchronized (Installer.class) {
            try (FileChannel channel = FileChannel.open(prefix.resolve("lib").resolve(LOCK),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                return work.run();
            }
        }
    }

    /** What the installation puts outside its folder, by path relative to DIR, with the fingerprint it should have. */
    private Map<String, String> entries() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(LINK, "link " + LINK_TARGET);
        entries.put(BASH_COMPLETION, "file " + sha256(completionScript.getBytes(StandardCharsets.UTF_8)));
        return entries;
    }

    /** Puts the entry at {@code path} in place: written beside it, then renamed over whatever was there. */
    private void write(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Path temp = path.resolveSibling(SWAP_PREFIX + path.getFileName() + "." + ProcessHandle.current().pid());
        Files.deleteIfExists(temp);
        if (path.equals(command())) {
            Files.createSymbolicLink(temp, Path.of(LINK_TARGET));
        } else {
            Files.writeString(temp, completionScript, StandardCharsets.UTF_8);
            setPermissions(temp, READABLE);
        }
        // rename(2) replaces the path itself, never what a symbolic link there points to.
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The distribution's files by path relative to it, without the class-data archive (made for one machine and
     * one path, by the launcher on first run) and without the receipt of an installed copy.
     */
    private Map<String, Path> distributionFiles() throws InstallException, IOException {
        if (!Files.isRegularFile(distribution.resolve("bin/watasu"))
                || !Files.isRegularFile(distribution.resolve("lib/watasu.jar"))) {
            throw new InstallException(distribution + " is not a watasu distribution (bin/watasu and "
                    + "lib/watasu.jar); run the install command of an unpacked watasu-<version>.tar.gz, or "
                    + "bin/watasu install in a source checkout");
        }
        return filesUnder(distribution);
    }

    private static Map<String, Path> filesUnder(Path root) throws InstallException, IOException {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String relative = root.relativize(path).toString().replace('\\', '/');
                if (relative.isEmpty() || relative.equals(RECEIPT) || relative.endsWith(".jsa")
                        || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw new InstallException(path + " is not a regular file; a distribution holds only files");
                }
                files.put(relative, path);
            }
        }
        return files;
    }

    /** True when DIR/lib/watasu holds exactly the distribution's files (or is the distribution itself). */
    private boolean sameFiles(Map<String, Path> files) throws InstallException, IOException {
        if (distribution.toRealPath().equals(home().toRealPath())) {
            return true;
        }
        Map<String, Path> installed = filesUnder(home());
        if (!installed.keySet().equals(files.keySet())) {
            return false;
        }
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Path copy = installed.get(file.getKey());
            if (Files.isExecutable(copy) != Files.isExecutable(file.getValue())
                    || Files.mismatch(copy, file.getValue()) != -1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies the distribution next to DIR/lib/watasu and renames it into place, so that DIR/lib/watasu is whole at
     * every moment but one rename; the receipt is written first, which marks a folder left by a killed run as ours.
     */
    private void swapInHome(Map<String, Path> files, Receipt receipt) throws IOException {
        Path lib = prefix.resolve("lib");
        Path staged = Files.createTempDirectory(lib, SWAP_PREFIX);
        setPermissions(staged, EXECUTABLE);
        Files.writeString(staged.resolve(RECEIPT), receipt.format(), StandardCharsets.UTF_8);
        setPermissions(staged.resolve(RECEIPT), READABLE);
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Path target = staged.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.copy(file.getValue(), target);
            setPermissions(target, Files.isExecutable(file.getValue()) ? EXECUTABLE : READABLE);
        }
        if (Files.exists(home(), LinkOption.NOFOLLOW_LINKS)) {
            Path old = Files.createTempDirectory(lib, SWAP_PREFIX);
            Files.move(home(), old.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(staged, home(), StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } else {
            Files.move(staged, home(), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The receipt of the installation in DIR/lib/watasu; empty when there is none yet (or an empty folder). */
    private Optional<Receipt> installedReceipt() throws InstallException, IOException {
        Path home = home();
        if (!Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            throw new InstallException(home + " exists and is not a folder of a watasu installation; move it away, "
                    + "or install with another --prefix");
        }
        Path receipt = home.resolve(RECEIPT);
        if (!Files.isRegularFile(receipt, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(home)) {
                if (!children.iterator().hasNext()) {
                    return Optional.empty();
                }
            }
            throw new InstallException(home + " exists and is not a watasu installation (it has no " + RECEIPT
                    + "); move it away, or install with another --prefix");
        }
        return Optional.of(Receipt.parse(Files.readString(receipt, StandardCharsets.UTF_8), receipt));
    }

    /** Folders of runs that were killed while swapping: each holds a receipt, written before anything else. */
    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(prefix.resolve("lib"), SWAP_PREFIX + "*")) {
            for (Path child : children) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                        && (Files.isRegularFile(child.resolve(RECEIPT), LinkOption.NOFOLLOW_LINKS)
                        || Files.isRegularFile(child.resolve("old").resolve(RECEIPT), LinkOption.NOFOLLOW_LINKS))) {
                    deleteTree(child);
                }
            }
        }
    }

    /** What is at {@code path} now, in the receipt's terms; null when nothing is there. */
    static String fingerprintOf(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            return "link " + Files.readSymbolicLink(path);
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return "other";
        }
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return "file " + HexFormat.of().formatHex(digest.digest());
    }

    private static String describe(String fingerprint) {
        if (fingerprint.startsWith("link ")) {
            return "a symbolic link to " + fingerprint.substring("link ".length());
        }
        return fingerprint.startsWith("file ") ? "a file" : "not a file";
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    private static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to set
        }
    }

    /** Deletes a folder and what is in it; symbolic links inside are removed, never followed. */
    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * The record of an installation: its version and, for each entry outside its folder, the fingerprint it had
     * ({@code link TARGET} or {@code file SHA-256}). One entry per line: {@code PATH FINGERPRINT}.
     */
    record Receipt(String version, Map<String, String> entries) {
        private static final String HEADER = "# What `watasu install` put outside this folder, and what it held. "
                + "`watasu uninstall` removes what is unchanged, then this folder.\n";

        String format() {
            StringBuilder text = new StringBuilder(HEADER).append("version ").append(version).append('\n');
            entries.forEach((path, fingerprint) -> text.append(path).append(' ').append(fingerprint).append('\n'));
            return text.toString();
        }

        static Receipt parse(String text, Path file) throws InstallException {
            String version = null;
            Map<String, String> entries = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(" ", 2);
                if (fields.length != 2) {
                    throw new InstallException(file + " is damaged (line '" + line + "'); remove the installation "
                            + "folder " + file.getParent() + " by hand");
                }
                if (fields[0].equals("version")) {
                    version = fields[1];
                } else if (KNOWN_ENTRIES.contains(fields[0])) {
                    entries.put(fields[0], fields[1]);
                }
                // Any other path is ignored: whatever the file says, nothing else under DIR is ever touched.
            }
            return new Receipt(version == null ? "unknown" : version, entries);
        }
    }
}
