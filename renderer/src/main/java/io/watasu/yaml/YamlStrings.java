package io.watasu.yaml;

/** YAML string writing shared by everything that emits YAML text (the renderer's templates and the editor). */
public final class YamlStrings {
    private YamlStrings() {
    }

    /**
     * {@code value} as a YAML double-quoted scalar that reads back as exactly {@code value}: every character that a
     * reader could fold, drop or misread (line breaks, controls, BOM, lone surrogates, noncharacters) is escaped.
     */
    public static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case 0x85 -> out.append("\\N");
                case 0x2028 -> out.append("\\L");
                case 0x2029 -> out.append("\\P");
                default -> {
                    if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0xfeff
                            || (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
