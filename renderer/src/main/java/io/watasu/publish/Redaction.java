package io.watasu.publish;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that came from elsewhere (JGit and server messages) before a user sees it: the known
 * secrets, also URL-encoded, and any userinfo in URLs.
 */
final class Redaction {
    private static final Pattern URL_USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s@]+@");
    private final List<String> secrets = new ArrayList<>();

    Redaction(List<String> secrets) {
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                this.secrets.add(secret);
                this.secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            }
        }
    }

    static String stripUserInfo(String text) {
        return URL_USERINFO.matcher(text).replaceAll("$1");
    }

    /** The first line of {@code text}, secrets replaced by {@code ***}, URLs without userinfo. */
    String scrub(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("");
        for (String secret : secrets) {
            line = line.replace(secret, "***");
        }
        return stripUserInfo(line);
    }
}
