package io.watasu.publish;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Git SSH server on loopback: Apache MINA sshd accepting one client key, running C Git's {@code upload-pack}
 * and {@code receive-pack} for the repositories under a root folder.
 */
final class GitSshServer implements AutoCloseable {
    private static final Pattern GIT_COMMAND = Pattern.compile("(git-upload-pack|git-receive-pack) '/?([^']+)'");

    private final SshServer server;
    private final PublicKey hostKey;
    private final AtomicInteger sessions = new AtomicInteger();

    private GitSshServer(Path root, PublicKey clientKey) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair host = generator.generateKeyPair();
        this.hostKey = host.getPublic();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(host));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey));
        server.setCommandFactory((channel, command) -> {
            Matcher git = GIT_COMMAND.matcher(command);
            if (!git.matches()) {
                throw new IllegalArgumentException("only Git commands are served: " + command);
            }
            sessions.incrementAndGet();
            return new GitProcess(List.of("git", git.group(1).substring("git-".length()),
                    root.resolve(git.group(2)).toString()));
        });
        server.start();
    }

    /** Serves {@code root} to whoever holds the private half of {@code clientKey}. */
    static GitSshServer start(Path root, PublicKey clientKey) throws Exception {
        return new GitSshServer(root, clientKey);
    }

    String url(String name) {
        return "ssh://git@127.0.0.1:" + server.getPort() + "/" + name + ".git";
    }

    /** The known_hosts line for this server. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey);
    }

    int gitSessions() {
        return sessions.get();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** One Git service process, its standard streams joined to the SSH channel. */
    private static final class GitProcess implements Command {
        private final List<String> command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Process process;

        GitProcess(List<String> command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            process = new ProcessBuilder(command).start();
            Thread input = new Thread(() -> pump(in, process.getOutputStream(), true));
            Thread error = new Thread(() -> pump(process.getErrorStream(), err, false));
            Thread output = new Thread(() -> {
                pump(process.getInputStream(), out, false);
                try {
                    error.join();
                    exit.onExit(process.waitFor());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            input.setDaemon(true);
            input.start();
            error.start();
            output.start();
        }

        private static void pump(InputStream from, OutputStream to, boolean closeTarget) {
            try {
                byte[] buffer = new byte[8192];
                for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
                if (closeTarget) {
                    to.close();
                }
            } catch (IOException e) {
                // the other side went away; the process's exit status tells the client the rest
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null) {
                process.destroy();
            }
        }
    }
}
