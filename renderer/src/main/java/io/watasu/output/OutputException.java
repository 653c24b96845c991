package io.watasu.output;

import io.watasu.files.FileProblems;
import io.watasu.files.SymbolicLinkException;

import java.util.List;

/** The output directory cannot be written as asked; the message is one line saying what to do. */
public class OutputException extends RuntimeException {
    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Files in the output's folders that watasu did not write (see {@link OutputChanges#foreign()}): Argo CD would
     * apply them with the team's objects, so nothing is written until they are gone.
     */
    public static final class ForeignFiles extends OutputException {
        private final String folder;
        private final List<String> paths;

        /**
         * @param folder the output folder as named in messages
         * @param paths  the foreign files, relative to it
         */
        public ForeignFiles(String folder, List<String> paths) {
            super(paths.size() + " file(s) in " + folder + " were not written by watasu: " + sample(paths)
                    + "; Argo CD would apply them with the team's objects: delete them, or keep your own objects in a"
                    + " folder outside " + folder);
            this.folder = folder;
            this.paths = List.copyOf(paths);
        }

        public String folder() {
            return folder;
        }

        public List<String> paths() {
            return paths;
        }

        /** The first few paths, comma-separated, and how many more there are. */
        public static String sample(List<String> paths) {
            int shown = Math.min(paths.size(), 5);
            return String.join(", ", paths.subList(0, shown))
                    + (paths.size() > shown ? " and " + (paths.size() - shown) + " more" : "");
        }
    }

    /** A symbolic link where watasu keeps its own file or folder; watasu never follows it. */
    public static final class SymbolicLink extends OutputException {
        private final String path;

        public SymbolicLink(SymbolicLinkException link) {
            super(FileProblems.describe(link) + ": replace it with a real folder or file, or remove it", link);
            this.path = link.path();
        }

        /** The link, as the output names it in messages. */
        public String path() {
            return path;
        }
    }
}
