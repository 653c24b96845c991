package io.watasu.output;

import java.util.List;

/**
 * What a write did.
 *
 * @param written    files created or rewritten
 * @param created    the files among {@code written} that did not exist before
 * @param removed    stale files Watasu had written before
 * @param unchanged  number of files already up to date (not touched)
 * @param handEdited files among written/removed whose content had been edited by hand (now replaced)
 * @param foreign    files watasu had not written that were deleted or written over, when the writer was asked to
 */
public record WriteResult(List<String> written, List<String> created, List<String> removed, int unchanged,
                          List<String> handEdited, List<String> foreign) {
    public WriteResult {
        written = List.copyOf(written);
        created = List.copyOf(created);
        removed = List.copyOf(removed);
        handEdited = List.copyOf(handEdited);
        foreign = List.copyOf(foreign);
    }

    /** e.g. {@code 12 written, 1 removed, 10089 unchanged}. */
    public String summary() {
        return written.size() + " written, " + removed.size() + " removed, " + unchanged + " unchanged";
    }
}
