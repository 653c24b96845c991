package io.watasu.render;

import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.context.MethodValueResolver;
import com.github.jknack.handlebars.io.StringTemplateSource;
import io.watasu.plan.Selector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The object templates, compiled once. Built-in ones ship in the jar under {@code templates/}; a template of the
 * same file name in an override folder replaces one. Escaping is YAML's, never HTML's: every interpolated string
 * goes through the {@code yaml} helper, and a template naming a value that does not exist fails instead of
 * rendering an empty field.
 */
public final class Templates {
    public static final List<String> NAMES = List.of("namespace.yaml.hbs", "networkpolicy.yaml.hbs",
            "service.yaml.hbs", "ingress.yaml.hbs", "argocd-applicationset.yaml.hbs", "argocd-project.yaml.hbs",
            "argocd-fleet-applicationset.yaml.hbs", "argocd-fleet-project.yaml.hbs", "argocd-application.yaml.hbs",
            "admin-tier-policy.yaml.hbs", "validatingadmissionpolicy.yaml.hbs",
            "validatingadmissionpolicybinding.yaml.hbs");
    private static final String TEMPLATE_SUFFIX = ".hbs";
    /** Larger than most rendered objects (760 characters on average on a large platform). */
    private static final int DOCUMENT_CAPACITY = 2048;
    /** One buffer per rendering thread, reused for every object: fresh ones cost 5% of template time zeroed. */
    private static final ThreadLocal<DocumentWriter> WRITERS = ThreadLocal.withInitial(DocumentWriter::new);

    static {
        // Handlebars renders every block body (each {{#if}}, each {{#each}} item, each partial) into a buffer of
        // 1,600 characters by default, read once when Handlebars loads. Bodies here are a few dozen characters; the
        // allocation alone was a fifth of template time. An explicit setting of the property still wins.
        System.getProperties().putIfAbsent("hbs.buffer", "128");
    }

    private final Handlebars handlebars;
    /** Every template's text source, by name. */
    private final Map<String, StringTemplateSource> sources;
    /**
     * Compiled templates, by name. An override is compiled when loaded, so that a broken one stops the render before
     * anything; a built-in one (tested to compile) when first applied: a re-render of a few files needs few of them.
     */
    private final Map<String, Template> compiled;
    private final String texts;

    private Templates(Handlebars handlebars, Map<String, StringTemplateSource> sources,
                      Map<String, Template> compiled, String texts) {
        this.handlebars = handlebars;
        this.sources = sources;
        this.compiled = compiled;
        this.texts = texts;
    }

    public static Templates builtIn() {
        return load(Optional.empty());
    }

    /** Compiles all templates; {@code overrideDir} may replace any of them by file name. */
    public static Templates load(Optional<Path> overrideDir) {
        overrideDir.ifPresent(Templates::checkOverrideDir);
        Handlebars handlebars = new Handlebars().with(EscapingStrategy.NOOP).prettyPrint(true);
        handlebars.registerHelper("yaml", (value, options) -> {
            if (value == null) {
                throw new IllegalArgumentException("the yaml helper got no value");
            }
            return YamlScalars.scalar(value.toString());
        });
        handlebars.registerHelper("yamlFlowMap", (labels, options) -> YamlScalars.flowMap((List<?>) labels));
        handlebars.registerHelper("yamlSelector", (selector, options) -> YamlScalars.flowSelector((Selector) selector));
        handlebars.registerHelper("yamlBlockMap", (labels, options) ->
                YamlScalars.blockMap((List<?>) labels, options.param(0)));
        handlebars.registerHelper("yamlSelectorPeers", (peers, options) ->
                YamlScalars.selectorPeers((List<?>) peers, options.param(0)));
        handlebars.registerHelper("yamlIpBlocks", (cidrs, options) ->
                YamlScalars.ipBlocks((List<?>) cidrs, options.param(0)));
        handlebars.registerHelper("yamlPorts", (ports, options) -> YamlScalars.ports((List<?>) ports, options.param(0)));
        handlebars.registerHelperMissing((context, options) -> {
            throw new IllegalArgumentException("unknown value or helper '" + options.helperName + "'");
        });
        Map<String, StringTemplateSource> sources = new HashMap<>();
        Map<String, Template> compiled = new ConcurrentHashMap<>();
        StringBuilder texts = new StringBuilder();
        for (String name : NAMES) {
            Optional<Path> override = overrideDir.map(dir -> dir.resolve(name)).filter(Files::isRegularFile);
            String text = override.map(Templates::readFile).orElseGet(() -> readBuiltIn(name))
                    .replace("\r\n", "\n");
            String shownName = override.map(Path::toString).orElse("templates/" + name);
            texts.append(name).append('\0').append(text.length()).append(':').append(text);
            sources.put(name, new StringTemplateSource(shownName, text));
            if (override.isPresent()) {
                compiled.put(name, compile(handlebars, sources.get(name)));
            }
        }
        return new Templates(handlebars, sources, compiled, texts.toString());
    }

    private static Template compile(Handlebars handlebars, StringTemplateSource source) {
        try {
            return handlebars.compile(source);
        } catch (HandlebarsException e) {
            throw new RenderException("template " + source.filename() + " does not compile: " + firstLine(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file in the override folder that matches no template is almost certainly a typo: refuse it. */
    private static void checkOverrideDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RenderException("templates folder " + dir + " does not exist");
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(TEMPLATE_SUFFIX) && !NAMES.contains(name))
                    .sorted()
                    .findFirst()
                    .ifPresent(name -> {
                        throw new RenderException("template " + dir.resolve(name) + " overrides nothing; known"
                                + " templates: " + String.join(", ", NAMES));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The effective template texts with their names, unambiguously joined: what output depends on. */
    String texts() {
        return texts;
    }

    /** Applies a template to a plan record; the record's accessors are the template's variables. */
    public String apply(String templateName, Object model) {
        if (!sources.containsKey(templateName)) {
            throw new IllegalArgumentException("no template " + templateName);
        }
        Template template = compiled.computeIfAbsent(templateName, name -> compile(handlebars, sources.get(name)));
        try {
            DocumentWriter out = WRITERS.get();
            out.text.setLength(0);
            template.apply(com.github.jknack.handlebars.Context.newBuilder(model)
                    .resolver(MethodValueResolver.INSTANCE).build(), out);
            return out.text.toString();
        } catch (HandlebarsException e) {
            throw new RenderException("template " + templateName + " failed: " + firstLine(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An unsynchronized writer into a pre-sized buffer (Handlebars' own starts at 1,600 characters and grows). */
    private static final class DocumentWriter extends Writer {
        private final StringBuilder text = new StringBuilder(DOCUMENT_CAPACITY);

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String string) {
            text.append(string);
        }

        @Override
        public void write(String string, int offset, int length) {
            text.append(string, offset, offset + length);
        }

        @Override
        public Writer append(CharSequence chars) {
            text.append(chars);
            return this;
        }

        @Override
        public Writer append(char c) {
            text.append(c);
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static String firstLine(HandlebarsException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String readFile(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RenderException("cannot read template " + path + ": " + e.getMessage(), e);
        }
    }

    private static String readBuiltIn(String name) {
        try (InputStream in = Templates.class.getResourceAsStream("/templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in template templates/" + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
