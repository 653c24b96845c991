package io.watasu.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuggestionsTest {
    @Test
    void theClosestCandidateWithinTheAllowedDistanceIsSuggested() {
        assertEquals(Optional.of("processes"), Suggestions.nearest("proceses", List.of("processes", "trust")));
        assertEquals(Optional.of("billing-app"), Suggestions.nearest("biling-ap", List.of("api-app", "billing-app")));
        assertEquals(Optional.empty(), Suggestions.nearest("owner", List.of("version", "platform", "teams")));
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(3, Suggestions.editDistance("kitten", "sitting"));
        assertEquals(0, Suggestions.editDistance("", ""));
        assertEquals(4, Suggestions.editDistance("", "abcd"));
    }
}
