package io.watasu.testing;

import io.watasu.files.Temporaries;

import java.nio.file.Path;

/**
 * Creates one temporary the way watasu does and holds it until killed, for tests of what another process may
 * remove. Usage: {@code HoldTemporary FOLDER PREFIX SUFFIX [LOCK_FILE]}: a file, or with LOCK_FILE a folder holding
 * that file locked. Prints the temporary's path once it is held.
 */
public final class HoldTemporary {
    private HoldTemporary() {
    }

    public static void main(String[] args) throws Exception {
        // A test JVM that dies must not leave its children running.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(9)));
        Temporaries.Naming naming = new Temporaries.Naming(args[1], args[2]);
        Temporaries.Held held = args.length > 3
                ? Temporaries.createFolder(Path.of(args[0]), naming, args[3])
                : Temporaries.createFile(Path.of(args[0]), naming);
        System.out.println(held.path());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
