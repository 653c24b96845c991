package io.watasu.publish;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Git smart-HTTP server on loopback: C Git's {@code git http-backend} run as CGI behind HTTP basic auth, so
 * fetches and pushes are judged by the real {@code upload-pack} and {@code receive-pack}.
 */
final class GitHttpServer implements AutoCloseable {
    static final String USER = "publisher";

    private final Path projectRoot;
    private final String password;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicInteger pushes = new AtomicInteger();

    private GitHttpServer(Path projectRoot, String password) throws IOException {
        this.projectRoot = projectRoot;
        this.password = password;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves the repositories under {@code projectRoot} to {@link #USER} with {@code password}. */
    static GitHttpServer start(Path projectRoot, String password) throws IOException {
        return new GitHttpServer(projectRoot, password);
    }

    /** Creates an empty bare repository {@code <name>.git} that accepts pushes over HTTP. */
    Path createBareRepository(String name) throws IOException, InterruptedException {
        Path repo = projectRoot.resolve(name + ".git");
        CGit.run(projectRoot, "init", "--quiet", "--bare", "--initial-branch=main", repo.toString());
        CGit.run(repo, "config", "http.receivepack", "true");
        return repo;
    }

    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + ".git";
    }

    /** Requests to {@code git-receive-pack} that were let through (push attempts that reached the server). */
    int pushRequests() {
        return pushes.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (exchange.getRequestURI().getPath().endsWith("/git-receive-pack")) {
                pushes.incrementAndGet();
            }
            runBackend(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        return decoded.equals(USER + ":" + password);
    }

    private void runBackend(HttpExchange exchange) throws IOException, InterruptedException {
        ProcessBuilder cgi = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = cgi.environment();
        env.put("GIT_PROJECT_ROOT", projectRoot.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REMOTE_USER", USER);
        env.put("REMOTE_ADDR", "127.0.0.1");
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        String query = exchange.getRequestURI().getRawQuery();
        env.put("QUERY_STRING", query == null ? "" : query);
        copyHeader(exchange, "Content-Type", "CONTENT_TYPE", env);
        copyHeader(exchange, "Content-Length", "CONTENT_LENGTH", env);
        copyHeader(exchange, "Content-Encoding", "HTTP_CONTENT_ENCODING", env);
        copyHeader(exchange, "Git-Protocol", "HTTP_GIT_PROTOCOL", env);
        cgi.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = cgi.start();

        Thread feeder = new Thread(() -> {
            try (InputStream body = exchange.getRequestBody(); OutputStream stdin = process.getOutputStream()) {
                body.transferTo(stdin);
            } catch (IOException e) {
                // the backend exited early (it answers with an error status itself)
            }
        });
        feeder.start();

        InputStream stdout = process.getInputStream();
        int status = 200;
        for (String line = readHeaderLine(stdout); !line.isEmpty(); line = readHeaderLine(stdout)) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.substring(0, 3));
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream response = exchange.getResponseBody()) {
            stdout.transferTo(response);
        }
        feeder.join(TimeUnit.SECONDS.toMillis(30));
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private static void copyHeader(HttpExchange exchange, String header, String variable, Map<String, String> env) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    /** One CGI header line without its CR LF (or LF); empty at the blank line that ends the headers. */
    private static String readHeaderLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
