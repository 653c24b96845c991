package io.watasu.review;

/** A failure a reviewer can act on (unknown revision, file outside the repository, ...); its message is one line. */
public final class ReviewException extends RuntimeException {
    public ReviewException(String message) {
        super(message);
    }
}
