package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The edges of the small value types: the exact bound each one accepts, and the words and wire
 * names other modules print. Written against the survivors of a mutation run (issue #21), so each
 * assertion pins a comparison or a text that no other test read.
 */
class ValueEdgesTest {

    private static final Checksum SUM = Checksum.sha256(new byte[] {1});

    @Test
    void reloadOutcomesHaveTheirWireNamesAndOnlyReadableValidFilesAreGood() {
        ReloadOutcome changed = new ReloadOutcome.ConfigChanged(SUM, ReloadOutcome.Applied.NOW, Set.of());
        ReloadOutcome unchanged = new ReloadOutcome.ConfigUnchanged(SUM);
        ReloadOutcome invalid = new ReloadOutcome.ValidationFailed(SUM, List.of());
        ReloadOutcome error = new ReloadOutcome.Error(ReloadOutcome.ErrorKind.NOT_FOUND, "no file");

        assertEquals(List.of("config_changed", "config_unchanged", "validation_failed", "error"),
                List.of(changed.wireName(), unchanged.wireName(), invalid.wireName(), error.wireName()));
        assertEquals(List.of(true, true, false, false),
                List.of(changed.fileIsGood(), unchanged.fileIsGood(), invalid.fileIsGood(), error.fileIsGood()));
        assertEquals(List.of("now", "deferred"),
                List.of(ReloadOutcome.Applied.NOW.wireName(), ReloadOutcome.Applied.DEFERRED.wireName()));
        assertEquals(List.of("startup", "watch", "poll", "failure_threshold", "manual"),
                List.of(ReloadTrigger.values()).stream().map(ReloadTrigger::wireName).toList());
        assertEquals(List.of("built-in", "mcp"),
                List.of(Toolset.Type.values()).stream().map(Toolset.Type::wireName).toList());
    }

    @Test
    void positionsAndProblemsReadAsAnOperatorWouldSayThem() {
        assertEquals("line 3, column 7", new SourcePosition(3, 7).toString());
        assertEquals("unknown position", SourcePosition.UNKNOWN.toString());

        ValidationProblem located = ValidationProblem.error("toolsets.a", "is wrong").at(new SourcePosition(2, 5));
        assertEquals(new SourcePosition(2, 5), located.position());
        assertEquals("toolsets.a (line 2, column 5): is wrong", located.toString());
        assertEquals("(document): is empty", ValidationProblem.warning("", "is empty").toString());
    }

    @Test
    void idsAndChecksumsPrintTheirValueAndRefuseBadOnes() {
        assertEquals("s-1", SessionId.of("s-1").toString());
        assertEquals(SUM.hex(), SUM.toString());
        assertEquals(64, SUM.toString().length());
        assertThrows(InvalidValueException.class, () -> new Checksum("ABC"));
        assertThrows(InvalidValueException.class, () -> new Checksum("A".repeat(64)));
        assertFalse(Checksum.NONE.isPresent());

        assertTrue(ToolsetName.of("a/b").compareTo(ToolsetName.of("a/c")) < 0);
        assertTrue(ToolsetName.of("b").compareTo(ToolsetName.of("a")) > 0);
    }

    @Test
    void aRevisionStampTakesSizeZeroButNoNegativeSize() {
        assertEquals(0, new RevisionStamp(Instant.EPOCH, 0).size());
        assertEquals("", RevisionStamp.NONE.version());
        assertThrows(InvalidValueException.class, () -> new RevisionStamp(Instant.EPOCH, -1));
    }

    @Test
    void theThresholdTakesBothEndsOfItsRange() {
        assertEquals(1, new ReloadPolicy(ReloadPolicy.MIN_THRESHOLD, Duration.ZERO).maxFailuresBeforeReload());
        assertEquals(10, new ReloadPolicy(ReloadPolicy.MAX_THRESHOLD, Duration.ZERO).maxFailuresBeforeReload());
        assertThrows(InvalidValueException.class, () -> new ReloadPolicy(0, Duration.ZERO));
        assertThrows(InvalidValueException.class, () -> new ReloadPolicy(11, Duration.ZERO));
    }

    @Test
    void endpointsMustBeHttpWithAHostInToolsetsAndOverrides() {
        ToolsetName name = ToolsetName.of("a");
        Optional<URI> ftp = Optional.of(URI.create("ftp://files/x"));
        Optional<URI> noHost = Optional.of(URI.create("http:///x"));

        InvalidValueException scheme = assertThrows(InvalidValueException.class,
                () -> new Toolset(name, true, 0, ftp, Toolset.Type.MCP, Map.of()));
        assertTrue(scheme.getMessage().contains("must be an http:// or https:// URL"), scheme.getMessage());
        InvalidValueException host = assertThrows(InvalidValueException.class,
                () -> new Toolset(name, true, 0, noHost, Map.of()));
        assertTrue(host.getMessage().contains("has no host"), host.getMessage());
        assertThrows(InvalidValueException.class,
                () -> new ToolsetOverride(Optional.empty(), Optional.empty(), ftp, Map.of()));
    }

    @Test
    void anOverridePrintsItsFieldsWithSecretsRedacted() {
        ToolsetOverride override = new ToolsetOverride(Optional.of(false), Optional.of(3),
                Optional.of(URI.create("https://user:hunter2@host/")), Map.of("api_key", "k1"));

        assertEquals("ToolsetOverride[enabled=Optional[false], priority=Optional[3], "
                + "endpoint=Optional[https://user:<redacted>@host/], failurePatterns=Optional.empty, "
                + "settings={api_key=<redacted>}]",
                override.toString());
    }

    @Test
    void aSnapshotFindsTheDisabledToolsetByItsNameAndSaysWhichListIsWrong() {
        Toolset a = new Toolset(ToolsetName.of("a"), false, 0, Optional.empty(), Map.of());
        Toolset b = new Toolset(ToolsetName.of("b"), false, 0, Optional.empty(), Map.of());
        ConfigSnapshot snapshot = ConfigSnapshot.of(1, List.of(a, b), SUM, RevisionStamp.NONE, Instant.EPOCH);

        assertEquals(Optional.of(b), snapshot.definedToolset(ToolsetName.of("b")));
        assertEquals(Optional.empty(), snapshot.definedToolset(ToolsetName.of("c")));
        InvalidValueException wrongList = assertThrows(InvalidValueException.class,
                () -> new ConfigSnapshot(1, List.of(a), SUM, RevisionStamp.NONE, Instant.EPOCH));
        assertEquals("toolset 'a' is disabled but listed among the effective toolsets", wrongList.getMessage());
    }

    @Test
    void aMessageOfExactlyTheStoredLengthIsNotCut() {
        FailureRecord atLimit = FailureRecord.none(ToolsetName.of("a"))
                .withFailure("Timeout", "m".repeat(FailureRecord.MAX_STORED_MESSAGE), Instant.EPOCH);
        assertEquals("m".repeat(FailureRecord.MAX_STORED_MESSAGE), atLimit.lastErrorMessage());

        // A stored field of exactly the limit is kept whole even when it ends in half a surrogate pair.
        String type = "t".repeat(FailureRecord.MAX_ERROR_TYPE - 1) + "\uD83D";
        assertEquals(type, FailureRecord.none(ToolsetName.of("a")).withFailure(type, "m", Instant.EPOCH)
                .lastErrorType());
    }

    @Test
    void clippingKeepsTextOfExactlyTheLimitAndEscapesALoneHighSurrogateAtTheEnd() {
        assertEquals("abc", Printable.clip("abc", 3));
        assertEquals("abc…", Printable.clip("abcd", 3));
        assertEquals("a\\ud83d", Printable.clip("a\uD83D", 10));
        assertEquals("a\\ud83d", Printable.escape("a\uD83D"));
        assertEquals("a\uD83D\uDE00", Printable.escape("a\uD83D\uDE00"));
    }

    @Test
    void nearMissesAtExactlyTheBoundAreFoundAndTheFirstOfEqualCandidatesWins() {
        // A swap in a short key is one edit only when neighbours may swap; four letters is long enough to match.
        assertEquals(Optional.of("tags"), NearMiss.of("tgas", List.of("tags")));
        // Two letters short of a long key is exactly its bound of two edits.
        assertEquals(Optional.of("enabled"), NearMiss.of("enabl", List.of("enabled")));
        assertEquals(Optional.of("model"), NearMiss.of("mode", List.of("model")));
        assertEquals(Optional.of("tags"), NearMiss.of("tagx", List.of("tags", "tagy")));
        // Dropping a first letter and adding a last is two edits, over the bound of a five-letter key.
        assertEquals(Optional.empty(), NearMiss.of("abcde", List.of("bcdef")));
        assertEquals(Optional.empty(), NearMiss.of("bcdef", List.of("abcde")));
    }

    @Test
    void urlRedactionHandlesAnEmptyUserAHostWithoutPathAndAStrayPercent() {
        assertEquals("://u:pw@h", Redaction.url("://u:pw@h"));
        assertEquals("https://:<redacted>@host/", Redaction.url("https://:hunter2@host/"));
        assertEquals("https://user:<redacted>@host", Redaction.url("https://user:pw@host"));
        assertEquals("https://h/?token%=<redacted>", Redaction.url("https://h/?token%=abc"));
        // The authority ends at the first '/': a colon and an at sign in the path are no user info.
        assertEquals("https://host/x:y@z", Redaction.url("https://host/x:y@z"));
    }

    @Test
    void documentMessagesDescribeWhatWasFoundInsteadOfAMapping() {
        Map<String, Object> toolsets = new LinkedHashMap<>();
        toolsets.put("a", List.of(1));
        toolsets.put("b", "text");
        toolsets.put("c", 5);
        toolsets.put("d", Map.of("enabled", true));
        ToolsetDocument document = ToolsetDocument.fromTree(Map.of("toolsets", toolsets));

        List<String> errors = document.problems().stream().filter(ValidationProblem::isError)
                .map(ValidationProblem::toString).toList();
        assertEquals(List.of(
                "toolsets.a: must be a mapping of the toolset's fields, but it is a list",
                "toolsets.b: must be a mapping of the toolset's fields, but it is the text 'text'",
                "toolsets.c: must be a mapping of the toolset's fields, but it is the integer '5'"), errors);
    }
}
