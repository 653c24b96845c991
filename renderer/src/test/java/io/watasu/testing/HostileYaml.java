package io.watasu.testing;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Seeded hostile variants of a watasu.yaml, as bytes: the edits of {@link YamlMutations} plus what an attacker or an
 * unlucky tool writes: flipped bits (invalid UTF-8 included), truncation, control and format characters, emoji, byte
 * order marks, anchors and alias bombs, tags, document markers, deep nesting, huge scalars and keys, and words that
 * keep the YAML well formed but try the rules (odd names, ports, ranges, reserved namespaces).
 */
public final class HostileYaml {
    /** Characters a terminal acts on, or that YAML or the loader treat specially. */
    private static final String[] ODD = {"\u0000", "\u0001", "\u0007", "\u0008", "\t", "\r", "\u000b", "\u000c",
            "\u001b[2K", "\u001b]0;x\u0007", "\u007f", "\u0085", "\u009b", "\u00a0", "\u200b", "\u200e", "\u2028",
            "\u2029", "\u202e", "\u2066", "\ufeff", "\ufffe", "\ud83d\ude00", "\ud83d", "\ude00", "\udb40\udc41"};
    private static final String[] YAML = {"&a ", "*a", "&b [", "]", "!!str ", "!!binary ", "!shell ",
            "!<tag:yaml.org,2002:int> ", "? ", "--- ", "\n---\n", "\n...\n", "%YAML 1.1\n", "<<: *a\n", "|\n", ">-\n",
            "\"\\u202e\\e[2K\\n\"", "'a''b'", "{", "}", "[", "]", ",", ": ", "#", "- ", "\"", "'", "\\", "~",
            "null", "on", "0x1F", "010", "1e3", "2024-01-01", ".inf", "<<"};

    /** Words that keep the YAML well formed but test the rules: odd names, numbers, ranges, reserved namespaces. */
    private static final String[] WORDS = {"on", "yes", "null", "1", "010", "08", "+80", "65536", "0", "kube-system",
            "calico-system", "default", "ingress-nginx", "openshift-x", "Acme", "a-", "-a", "x".repeat(64), "web",
            "x-tcp", "y-rtc", "admin-web", "0.0.0.0/0", "'fd00::/8'", "'fe80::/10'", "169.254.0.0/16", "10.0.0.1/8",
            "100.64.0.0/10", "grpc-app", "api-app", "acme", "globex", "trust", "processes", "apps", "port", "command"};

    private HostileYaml() {
    }

    /** One to three hostile edits of {@code text}, encoded as UTF-8 (or not, after a bit flip or truncation). */
    public static byte[] mutate(String text, Random random) {
        String mutated = text;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            mutated = edit(mutated, random);
        }
        byte[] bytes = mutated.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(12)) {
            case 0 -> flipBit(bytes, random);
            case 1 -> truncate(bytes, random);
            default -> bytes;
        };
    }

    private static String edit(String text, Random random) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        return switch (random.nextInt(10)) {
            case 0 -> YamlMutations.mutate(text, random);
            case 1, 9 -> replaceWord(text, random, WORDS[random.nextInt(WORDS.length)]);
            case 2 -> insert(text, at, ODD[random.nextInt(ODD.length)]);
            case 3 -> insert(text, at, YAML[random.nextInt(YAML.length)]);
            case 4 -> insert(text, at, nested(random));
            case 5 -> insert(text, at, "x".repeat(1 + random.nextInt(random.nextBoolean() ? 2_000 : 200_000)));
            case 6 -> aliasBomb(text, random);
            case 7 -> insert(text, random.nextBoolean() ? 0 : at, "\ufeff");
            default -> insert(text, at, "\ud83d\ude00".repeat(1 + random.nextInt(3)));
        };
    }

    /** Replaces a random run of name characters (a key, a name, a number, a range) with {@code word}. */
    private static String replaceWord(String text, Random random, String word) {
        if (text.isEmpty()) {
            return word;
        }
        int at = random.nextInt(text.length());
        int start = at;
        int end = at;
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        return start == end ? text : text.substring(0, start) + word + text.substring(end);
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '/';
    }

    private static String insert(String text, int at, String piece) {
        return text.substring(0, at) + piece + text.substring(at);
    }

    /** Flow or block nesting, deeper than the loader allows about half the time. */
    private static String nested(Random random) {
        int depth = 1 + random.nextInt(2 * 40);
        if (random.nextBoolean()) {
            return "[".repeat(depth) + "]".repeat(depth);
        }
        StringBuilder block = new StringBuilder("\n");
        for (int i = 0; i < depth; i++) {
            block.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        return block.toString();
    }

    /** The classic exponential alias pattern, prepended as a field of its own. */
    private static String aliasBomb(String text, Random random) {
        StringBuilder bomb = new StringBuilder("bomb0: &b0 [x, x]\n");
        int levels = 2 + random.nextInt(12);
        for (int i = 1; i < levels; i++) {
            bomb.append("bomb").append(i).append(": &b").append(i).append(" [*b").append(i - 1).append(", *b")
                    .append(i - 1).append(", *b").append(i - 1).append("]\n");
        }
        int lineEnd = text.indexOf('\n');
        return lineEnd < 0 ? bomb + text : text.substring(0, lineEnd + 1) + bomb + text.substring(lineEnd + 1);
    }

    private static byte[] flipBit(byte[] bytes, Random random) {
        if (bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    private static byte[] truncate(byte[] bytes, Random random) {
        byte[] cut = new byte[bytes.length == 0 ? 0 : random.nextInt(bytes.length)];
        System.arraycopy(bytes, 0, cut, 0, cut.length);
        return cut;
    }
}
