package io.watasu.publish;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

import org.apache.sshd.common.config.keys.PublicKeyEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Git transaction over SSH (JGit's Apache MINA client) against an sshd running C Git on loopback. */
class GitSshTransactionTest {
    @TempDir
    Path tmp;
    private GitSshServer server;
    private Path bare;
    private Path key;

    @BeforeEach
    void start() throws Exception {
        key = tmp.resolve("id_rsa");
        CGit.runCommand(tmp, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "publish-test",
                "-f", key.toString());
        PublicKey clientKey = PublicKeyEntry.parsePublicKeyEntry(Files.readString(tmp.resolve("id_rsa.pub")).strip())
                .resolvePublicKey(null, null, null);
        Path root = Files.createDirectories(tmp.resolve("server"));
        bare = root.resolve("gitops.git");
        CGit.run(root, "init", "--quiet", "--bare", "--initial-branch=main", bare.toString());
        server = GitSshServer.start(root, clientKey);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private GitTransaction transaction(Path knownHosts) {
        return GitTransaction.to(server.url("gitops"))
                .credentials(GitCredentials.sshKey(key, knownHosts))
                .author("Watasu Test", "publish@example.com")
                .cacheDirectory(tmp.resolve("cache"))
                .edit(worktree -> {
                    Files.writeString(worktree.resolve("a.yaml"), "over ssh\n");
                    return Optional.of(CommitMessage.of("over ssh"));
                });
    }

    @Test
    void publishesWithAKeyToAKnownHost() throws Exception {
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");

        PublishResult result = transaction(knownHosts).call();

        assertInstanceOf(PublishResult.Pushed.class, result);
        assertEquals(List.of("a.yaml"), CGit.files(bare, "main"));
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAnAuthenticationFailure() throws Exception {
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        Path otherKey = tmp.resolve("other_rsa");
        CGit.runCommand(tmp, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", otherKey.toString());

        PublishResult result = transaction(knownHosts).credentials(GitCredentials.sshKey(otherKey, knownHosts)).call();

        PublishFailure failure = assertInstanceOf(PublishResult.Failed.class, result).failure();
        assertEquals("authentication refused by " + server.url("gitops") + ": check that the key " + otherKey
                + " is authorized for this repository", failure.message());
        assertNull(CGit.head(bare, "main"));
    }

    @Test
    void anUnknownHostIsRefused() throws Exception {
        Path knownHosts = tmp.resolve("empty_known_hosts");
        Files.writeString(knownHosts, "");

        PublishResult result = transaction(knownHosts).call();

        PublishFailure failure = assertInstanceOf(PublishResult.Failed.class, result).failure();
        assertEquals(PublishFailure.Kind.UNREACHABLE, failure.kind(), failure.message());
        assertTrue(failure.message().startsWith("the SSH host key of 127.0.0.1:"), failure.message());
        assertEquals(0, server.gitSessions());
        assertNull(CGit.head(bare, "main"));
    }
}
