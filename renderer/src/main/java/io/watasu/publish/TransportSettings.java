package io.watasu.publish;

import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

import java.io.File;
import java.time.Duration;
import java.util.List;

/** Credentials, SSH key and time-out applied to every fetch, ls-remote and push of one transaction. */
final class TransportSettings implements AutoCloseable {
    private final CredentialsProvider credentialsProvider;
    private final SshdSessionFactory sshSessionFactory;
    private final int timeoutSeconds;

    TransportSettings(GitCredentials credentials, Duration timeout) {
        this.timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, timeout.toSeconds());
        this.credentialsProvider = credentials instanceof GitCredentials.UserPassword up
                ? new UsernamePasswordCredentialsProvider(up.user(), up.secret())
                : null;
        this.sshSessionFactory = credentials instanceof GitCredentials.SshKey key ? sshFactory(key) : null;
    }

    private static SshdSessionFactory sshFactory(GitCredentials.SshKey key) {
        File home = FS.DETECTED.userHome();
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(new File(home, ".ssh"))
                .setDefaultIdentities(sshDir -> List.of(key.keyFile().toAbsolutePath()))
                .setDefaultKnownHostsFiles(sshDir -> List.of(key.knownHosts().toAbsolutePath()))
                .setPreferredAuthentications("publickey")
                .build(null);
    }

    <C extends TransportCommand<C, ?>> C apply(C command) {
        command.setTimeout(timeoutSeconds);
        if (credentialsProvider != null) {
            command.setCredentialsProvider(credentialsProvider);
        }
        if (sshSessionFactory != null) {
            command.setTransportConfigCallback(transport -> {
                if (transport instanceof SshTransport ssh) {
                    ssh.setSshSessionFactory(sshSessionFactory);
                }
            });
        }
        return command;
    }

    @Override
    public void close() {
        if (sshSessionFactory != null) {
            sshSessionFactory.close();
        }
    }
}
