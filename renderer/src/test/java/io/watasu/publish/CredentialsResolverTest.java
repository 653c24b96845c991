package io.watasu.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class CredentialsResolverTest {
    @TempDir
    Path home;

    @Test
    void tokenFromTheEnvironmentWithTheDefaultUser() {
        GitCredentials credentials = new CredentialsResolver(Map.of("WATASU_GIT_TOKEN", "t0k"), home)
                .resolve("https://git.example.com/ops/gitops.git", Optional.empty(), Optional.empty());

        assertEquals(new GitCredentials.UserPassword("x-access-token", "t0k", "WATASU_GIT_TOKEN"), credentials);
    }

    @Test
    void tokenUserFromTheEnvironment() {
        GitCredentials credentials = new CredentialsResolver(
                Map.of("WATASU_GIT_TOKEN", "t0k", "WATASU_GIT_USER", "deploy"), home)
                .resolve("https://git.example.com/ops/gitops.git", Optional.empty(), Optional.empty());

        assertEquals(new GitCredentials.UserPassword("deploy", "t0k", "WATASU_GIT_TOKEN"), credentials);
    }

    @Test
    void anSshKeyWinsOverEverything() {
        GitCredentials credentials = new CredentialsResolver(Map.of("WATASU_GIT_TOKEN", "t0k"), home)
                .resolve("ssh://git@git.example.com/ops/gitops.git", Optional.of(Path.of("/keys/deploy")),
                        Optional.empty());

        assertEquals(new GitCredentials.SshKey(Path.of("/keys/deploy"), home.resolve(".ssh/known_hosts")),
                credentials);
    }

    @Test
    void urlUserInfoIsLeftToTheTransactionAndTheStoreIsNotConsulted() throws Exception {
        Files.writeString(home.resolve(".git-credentials"), "https://other:pw@git.example.com\n");

        GitCredentials credentials = new CredentialsResolver(Map.of(), home)
                .resolve("https://me:secret@git.example.com/ops/gitops.git", Optional.empty(), Optional.empty());

        assertInstanceOf(GitCredentials.None.class, credentials);
    }

    @Test
    void theFirstMatchingCredentialStoreLine() throws Exception {
        Files.writeString(home.resolve(".git-credentials"), """
                https://wrong:pw@other.example.com
                http://wrong:pw@git.example.com
                https://team:pw@git.example.com/team-b
                https://ops%40example.com:p%2Bw%3A1@git.example.com/ops
                https://fallback:pw@git.example.com
                """);
        CredentialsResolver resolver = new CredentialsResolver(Map.of(), home);

        assertEquals(new GitCredentials.UserPassword("ops@example.com", "p+w:1",
                        "the ~/.git-credentials entry for git.example.com"),
                resolver.resolve("https://git.example.com/ops/gitops.git", Optional.empty(), Optional.empty()));
        assertEquals("fallback", ((GitCredentials.UserPassword) resolver
                .resolve("https://git.example.com/team-c/x.git", Optional.empty(), Optional.empty())).user());
    }

    @Test
    void noCredentialsAnywhere() {
        assertInstanceOf(GitCredentials.None.class, new CredentialsResolver(Map.of(), home)
                .resolve("https://git.example.com/ops/gitops.git", Optional.empty(), Optional.empty()));
    }
}
