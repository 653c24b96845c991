package io.watasu.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the comment and label API of GitHub and GitLab on loopback, serving what a test sets up and
 * recording every call (method, path with query, authorization header, body). Pages hold 100 entries, as the
 * scripts ask for.
 */
final class StandInForge implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GITHUB_COMMENTS = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
    private static final Pattern GITHUB_COMMENT = Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");
    private static final Pattern GITHUB_LABELS = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/labels");
    private static final Pattern GITLAB_NOTES = Pattern.compile("/api/v4/projects/(\\d+)/merge_requests/(\\d+)/notes");
    private static final Pattern GITLAB_NOTE = Pattern.compile("/api/v4/projects/(\\d+)/merge_requests/(\\d+)/notes/(\\d+)");
    private static final Pattern GITLAB_MR = Pattern.compile("/api/v4/projects/(\\d+)/merge_requests/(\\d+)");

    record Call(String method, String path, String authorization, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** A comment (GitHub) or note (GitLab) already on the pull request. */
    record Comment(long id, String author, String body) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<Comment> comments = Collections.synchronizedList(new ArrayList<>());
    final List<String> labels = Collections.synchronizedList(new ArrayList<>());
    /** HTTP status for creating a comment; 403 plays a pull request from a fork. */
    volatile int createStatus = 201;

    StandInForge() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls as {@code METHOD path} without the query, in order. */
    List<String> routes() {
        return calls.stream().map(c -> c.method() + " " + URI.create(c.path()).getPath()).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        URI uri = exchange.getRequestURI();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            authorization = exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN");
        }
        calls.add(new Call(exchange.getRequestMethod(), uri.toString(), authorization, body));
        String path = uri.getPath();
        int page = Integer.parseInt(query(uri, "page", "1"));
        String method = exchange.getRequestMethod();
        Matcher m;
        if (method.equals("GET") && (GITHUB_COMMENTS.matcher(path).matches() || GITLAB_NOTES.matcher(path).matches())) {
            boolean github = path.startsWith("/repos/");
            List<Object> pageOf = new ArrayList<>();
            List<Comment> all = List.copyOf(comments);
            for (int i = (page - 1) * 100; i < Math.min(all.size(), page * 100); i++) {
                Comment c = all.get(i);
                pageOf.add(github ? Map.of("id", c.id(), "user", Map.of("login", c.author()), "body", c.body())
                        : Map.of("id", c.id(), "author", Map.of("username", c.author()), "body", c.body()));
            }
            respond(exchange, 200, pageOf);
        } else if (method.equals("POST") && (GITHUB_COMMENTS.matcher(path).matches()
                || GITLAB_NOTES.matcher(path).matches())) {
            respond(exchange, createStatus, createStatus == 201
                    ? Map.of("id", 9001, "html_url", "https://forge.example/comment/9001")
                    : Map.of("message", "Resource not accessible by integration"));
        } else if ((method.equals("PATCH") && (m = GITHUB_COMMENT.matcher(path)).matches())
                || (method.equals("PUT") && (m = GITLAB_NOTE.matcher(path)).matches())) {
            long id = Long.parseLong(m.group(m.groupCount()));
            boolean known = comments.stream().anyMatch(c -> c.id() == id);
            respond(exchange, known ? 200 : 404, Map.of("id", id, "html_url", "https://forge.example/comment/" + id));
        } else if (method.equals("GET") && GITHUB_LABELS.matcher(path).matches()) {
            respond(exchange, 200, labels.stream().map(l -> Map.of("name", l)).toList());
        } else if (method.equals("GET") && GITLAB_MR.matcher(path).matches()) {
            respond(exchange, 200, Map.of("iid", 7, "labels", List.copyOf(labels)));
        } else {
            respond(exchange, 404, Map.of("message", "Not Found"));
        }
    }

    private static String query(URI uri, String name, String fallback) {
        if (uri.getQuery() == null) {
            return fallback;
        }
        for (String part : uri.getQuery().split("&")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return fallback;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
