package io.watasu.review;

import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Files added, removed and changed between two rendered trees, with line counts from a shortest edit script. */
public final class ManifestDiff {
    private ManifestDiff() {
    }

    public static List<FileChange> between(RenderedTree base, RenderedTree head) {
        Map<String, String> before = byPath(base);
        Map<String, String> after = byPath(head);
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<FileChange> changes = new ArrayList<>();
        for (String path : paths) {
            String a = before.get(path);
            String b = after.get(path);
            if (a == null) {
                changes.add(new FileChange(path, FileChange.Status.ADDED, lines(b).size(), 0));
            } else if (b == null) {
                changes.add(new FileChange(path, FileChange.Status.REMOVED, 0, lines(a).size()));
            } else if (!a.equals(b)) {
                List<String> x = lines(a);
                List<String> y = lines(b);
                int common = (x.size() + y.size() - editDistance(x, y)) / 2;
                changes.add(new FileChange(path, FileChange.Status.CHANGED, y.size() - common, x.size() - common));
            }
        }
        return changes;
    }

    private static Map<String, String> byPath(RenderedTree tree) {
        Map<String, String> files = new TreeMap<>();
        for (RenderedFile f : tree.files()) {
            files.put(f.relativePath(), f.content());
        }
        return files;
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    /** Insertions plus deletions of a shortest edit script (Myers' greedy algorithm, O((N+M)D)). */
    static int editDistance(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int[] furthest = new int[2 * max + 2];
        for (int d = 0; d <= max; d++) {
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && furthest[max + k - 1] < furthest[max + k + 1]))
                        ? furthest[max + k + 1] : furthest[max + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                furthest[max + k] = x;
                if (x >= n && y >= m) {
                    return d;
                }
            }
        }
        return max;
    }
}
