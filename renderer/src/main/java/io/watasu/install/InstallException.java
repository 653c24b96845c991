package io.watasu.install;

/** An installation that must not go ahead: something in the way is not watasu's, or the distribution is incomplete. */
public final class InstallException extends Exception {
    public InstallException(String message) {
        super(message);
    }
}
