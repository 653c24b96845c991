package io.watasu.config;

import io.watasu.model.WatasuConfig;
import io.watasu.yaml.BoundedYaml;
import io.watasu.yaml.YamlLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The single entry point from watasu.yaml text to a validated model. Never throws for bad input: every problem,
 * an unreadable file included, comes back as a {@link Diagnostic} in the {@link LoadResult}.
 */
public final class ConfigLoader {
    /** Largest accepted input: {@link YamlLimits#MAX_INPUT_BYTES}. */
    public static final int MAX_INPUT_BYTES = YamlLimits.MAX_INPUT_BYTES;
    /** How many node visits alias expansion may add beyond the nodes written in the file; keeps reading linear. */
    public static final int MAX_ALIAS_EXPANSION_NODES = 100_000;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ConfigLoader() {
    }

    /** Reads and loads a file; the file name in diagnostics is the path as given. */
    public static LoadResult load(Path file) {
        String fileName = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
        } catch (NoSuchFileException e) {
            return failure(fileName, "file not found", "check the path");
        } catch (AccessDeniedException e) {
            return failure(fileName, "permission denied", "make the file readable");
        } catch (IOException e) {
            return failure(fileName, "cannot read the file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), "check that the path is a readable file");
        }
        if (bytes.length > MAX_INPUT_BYTES) {
            return tooLarge(fileName);
        }
        if (isAscii(bytes)) {
            // ASCII is UTF-8 as it is: no decoder, no intermediate char buffer.
            return parse(fileName, new String(bytes, StandardCharsets.US_ASCII));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return failure(fileName, "the file is not UTF-8 text", "save it as UTF-8");
        }
        return parse(fileName, text);
    }

    /** Loads YAML text; {@code fileName} is only used in diagnostics. */
    public static LoadResult parse(String fileName, String yamlText) {
        // A string longer than the limit in chars is longer in UTF-8 bytes too; the parser's code point limit
        // catches the rest.
        if (yamlText.length() > MAX_INPUT_BYTES) {
            return tooLarge(fileName);
        }
        String text = !yamlText.isEmpty() && yamlText.charAt(0) == BYTE_ORDER_MARK ? yamlText.substring(1) : yamlText;
        BoundedYaml.Document document;
        try {
            document = BoundedYaml.compose(text);
        } catch (BoundedYaml.Rejected e) {
            return new LoadResult(null, List.of(diagnostic(fileName, e.problem())));
        }
        ConfigReader.Result read;
        try {
            read = new ConfigReader(fileName, document.nodeCount() + MAX_ALIAS_EXPANSION_NODES).read(document.root());
        } catch (ConfigReader.ExpansionLimitExceeded e) {
            return new LoadResult(null, List.of(e.diagnostic()));
        }
        List<Diagnostic> diagnostics = new ArrayList<>(read.diagnostics());
        diagnostics.addAll(ModelValidator.validate(read.config(), read.sources()));
        diagnostics.sort(ModelValidator.FILE_ORDER);
        WatasuConfig config = diagnostics.stream().anyMatch(Diagnostic::isError) ? null : read.config();
        return new LoadResult(config, diagnostics, read.sources());
    }

    /** A problem of the YAML text as a diagnostic of the file. */
    static Diagnostic diagnostic(String fileName, BoundedYaml.Problem problem) {
        return Diagnostic.error(new SourcePosition(fileName, problem.line(), problem.column()), problem.message(),
                problem.fix());
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static LoadResult tooLarge(String fileName) {
        return failure(fileName, "the file is larger than the " + (MAX_INPUT_BYTES / (1024 * 1024))
                + " MiB limit for watasu.yaml", "check that this is the right file");
    }

    private static LoadResult failure(String fileName, String message, String fix) {
        return new LoadResult(null, List.of(Diagnostic.error(new SourcePosition(fileName, 1, 1), message, fix)));
    }
}
