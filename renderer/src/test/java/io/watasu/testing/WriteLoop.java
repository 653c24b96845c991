package io.watasu.testing;

import io.watasu.config.ConfigLoader;
import io.watasu.edit.AtomicFileWriter;
import io.watasu.output.OutputWriter;
import io.watasu.output.RenderedTree;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes over and over, the way watasu's commands write, until it is killed: for tests that kill it with
 * {@code kill -9} at random moments and check what is left. Prints one line per write.
 * <ul>
 *   <li>{@code trust FILE OTHER}: replaces FILE with the content of OTHER and back, as {@code apps:trust} writes
 *   watasu.yaml ({@link AtomicFileWriter});</li>
 *   <li>{@code render CONFIG OUT TRASH}: renders CONFIG once, then writes it into the missing folder OUT (a first
 *   render, through a staging folder), moves OUT into the folder TRASH in one step, and again; nearly all the time
 *   goes to the staged writes.</li>
 * </ul>
 */
public final class WriteLoop {
    private WriteLoop() {
    }

    public static void main(String[] args) throws Exception {
        // A test JVM that dies must not leave its children running.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(9)));
        if (args[0].equals("trust")) {
            Path file = Path.of(args[1]);
            String[] texts = {Files.readString(file), Files.readString(Path.of(args[2]))};
            for (long run = 0; ; run++) {
                AtomicFileWriter.replace(file, Files.readAllBytes(file), texts[(int) ((run + 1) % 2)]);
                System.out.println("write " + run);
            }
        }
        RenderedTree tree = Renderer.render(ConfigLoader.load(Path.of(args[1])).config(), RenderOptions.defaults());
        Path out = Path.of(args[2]);
        for (long run = 0; ; run++) {
            new OutputWriter().write(tree, out);
            System.out.println("write " + run);
            Files.move(out, Path.of(args[3]).resolve(ProcessHandle.current().pid() + "-" + run));
        }
    }
}
