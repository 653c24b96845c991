package io.watasu.publish;

import java.util.List;
import java.util.Objects;

/**
 * A commit message in Git's conventional shape: a one-line subject, an optional body and trailers
 * ({@code Key: value} lines in the last paragraph, which {@code git interpret-trailers} and forges read).
 */
public record CommitMessage(String subject, String body, List<Trailer> trailers) {
    public record Trailer(String key, String value) {
        public Trailer {
            if (key == null || !key.matches("[A-Za-z0-9-]+")) {
                throw new IllegalArgumentException("a trailer key is letters, digits and '-': " + key);
            }
            if (value == null || value.isBlank() || value.contains("\n")) {
                throw new IllegalArgumentException("a trailer value is one non-empty line: " + key);
            }
        }
    }

    public CommitMessage {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank() || subject.contains("\n")) {
            throw new IllegalArgumentException("a commit subject is one non-empty line");
        }
        body = body == null ? "" : body.strip();
        trailers = List.copyOf(trailers);
    }

    public static CommitMessage of(String subject) {
        return new CommitMessage(subject, "", List.of());
    }

    /** The full message text: subject, blank line, body, blank line, trailers; ends with a newline. */
    public String text() {
        StringBuilder text = new StringBuilder(subject).append('\n');
        if (!body.isEmpty()) {
            text.append('\n').append(body).append('\n');
        }
        if (!trailers.isEmpty()) {
            text.append('\n');
            trailers.forEach(t -> text.append(t.key()).append(": ").append(t.value()).append('\n'));
        }
        return text.toString();
    }
}
