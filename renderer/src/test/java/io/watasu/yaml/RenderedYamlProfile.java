package io.watasu.yaml;

import io.watasu.config.ConfigLoader;
import io.watasu.output.RenderedFile;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.nio.file.Path;
import java.util.List;

/**
 * Times reading a rendered platform's files in one thread: SnakeYAML's parser events (the parse-back without the
 * fast reader), SnakeYAML's composer (the verifier without it) and {@link YamlScanner} (both with it):
 * {@code RenderedYamlProfile watasu.yaml [rounds]}; run by bench/yaml-read-profile.sh.
 */
public final class RenderedYamlProfile {
    public static void main(String[] args) {
        List<String> files = Renderer.render(ConfigLoader.load(Path.of(args[0])).config(), RenderOptions.defaults())
                .files().stream().map(RenderedFile::content).toList();
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            long events = 0;
            for (String file : files) {
                Parser parser = new ParserImpl(new StreamReader(file), options);
                while (parser.peekEvent() != null) {
                    parser.getEvent();
                    events++;
                }
            }
            long parsed = System.nanoTime();
            long documents = 0;
            for (String file : files) {
                Composer composer = new Composer(new ParserImpl(new StreamReader(file), options), new Resolver(),
                        options);
                while (composer.checkNode()) {
                    composer.getNode();
                    documents++;
                }
            }
            long composed = System.nanoTime();
            long fast = 0;
            for (String file : files) {
                fast += YamlScanner.documents(file).size();
            }
            long read = System.nanoTime();
            System.out.printf("round %d: %d files, SnakeYAML events %d ms (%d events), SnakeYAML composer %d ms "
                            + "(%d documents), YamlScanner %d ms (%d documents)%n", round, files.size(),
                    (parsed - start) / 1_000_000, events, (composed - parsed) / 1_000_000, documents,
                    (read - composed) / 1_000_000, fast);
        }
    }
}
