package io.hydrafs.ops.cli;

import io.hydrafs.ops.bench.InMemoryMetaTarget;
import io.hydrafs.ops.bench.JsonObjects;
import io.hydrafs.ops.bench.MetaBenchTargetFactory;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HydraCliTest {
    @Test
    void unknownVerbIsAOneLineUsageErrorWithExitCode2() {
        CliInvocation r = CliInvocation.of("frobnicate");

        assertEquals(HydraCli.EXIT_USAGE, r.exitCode());
        assertEquals(List.of("hydra: unknown command 'frobnicate' (try 'hydra --help')"), r.errLines());
        assertEquals("", r.out());
    }

    @Test
    void unknownBenchFlagIsAOneLineUsageErrorWithExitCode2() {
        CliInvocation r = CliInvocation.of("bench", "meta.create", "--fast");

        assertEquals(HydraCli.EXIT_USAGE, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("hydra bench: Unknown option: '--fast'"), r.err());
        assertTrue(r.err().contains("try 'hydra bench --help'"), r.err());
    }

    @Test
    void invalidValuesAreUsageErrors() {
        assertEquals(HydraCli.EXIT_USAGE, CliInvocation.of("bench", "meta.create", "--scale", "2").exitCode());
        assertEquals(HydraCli.EXIT_USAGE, CliInvocation.of("bench", "meta.nothing").exitCode());
        assertEquals(HydraCli.EXIT_USAGE, CliInvocation.of("bench", "meta.create", "--base", "/").exitCode());
        assertEquals(HydraCli.EXIT_USAGE, CliInvocation.of("bench", "meta.create", "--meta", "nohost").exitCode());
        CliInvocation missing = CliInvocation.of("bench");
        assertEquals(HydraCli.EXIT_USAGE, missing.exitCode());
        assertEquals(1, missing.errLines().size(), missing.err());
    }

    @Test
    void helpListsTheVerbsAndExitsZero() {
        CliInvocation r = CliInvocation.of("--help");

        assertEquals(HydraCli.EXIT_OK, r.exitCode());
        assertTrue(r.out().contains("Usage: hydra"), r.out());
        assertTrue(r.out().contains("bench"), r.out());
    }

    @Test
    void benchHelpDescribesItsOptions() {
        CliInvocation r = CliInvocation.of("bench", "--help");

        assertEquals(HydraCli.EXIT_OK, r.exitCode());
        for (String option : List.of("--scale", "--meta", "--no-warmup", "--threads", "--base")) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
    }

    @Test
    void haWorkloadsAgainstBareEndpointsPrintOkFalseLinesSayingTheyNeedAClusterDirectory() {
        CliInvocation r = CliInvocation.of("bench", "ha.all", "--meta", "127.0.0.1:1");

        assertEquals(HydraCli.EXIT_FAILED, r.exitCode(), r.toString());
        List<Map<String, Object>> lines = r.outLines().stream().map(JsonObjects::parse).toList();
        assertEquals(List.of("ha.failover", "ha.restart"), lines.stream().map(l -> l.get("workload")).toList(), r.toString());
        for (Map<String, Object> line : lines) {
            assertEquals(Boolean.FALSE, line.get("ok"), r.toString());
            assertEquals("ha.* needs --dir or --local: it kills and restarts meta nodes", line.get("error"), r.toString());
        }
        assertTrue(CliInvocation.of("bench", "--help").out().contains("ha.failover"));
        assertEquals(HydraCli.EXIT_USAGE, CliInvocation.of("bench", "ha.nothing").exitCode());
    }

    @Test
    void noVerbPrintsUsageOnStderrAsAUsageError() {
        CliInvocation r = CliInvocation.of();

        assertEquals(HydraCli.EXIT_USAGE, r.exitCode());
        assertTrue(r.err().contains("Usage: hydra"), r.err());
    }

    @Test
    void benchPrintsOnlyJsonLinesOnStdoutAndExitsZeroWhenAllPass() {
        CliInvocation r = CliInvocation.of("bench", "meta.all", "--scale", "1/1000", "--no-warmup", "--meta",
                "127.0.0.1:1,127.0.0.1:2");

        assertEquals(HydraCli.EXIT_OK, r.exitCode(), r.err());
        List<Map<String, Object>> lines = r.out().lines().map(JsonObjects::parse).toList();
        assertEquals(6, lines.size());
        assertTrue(lines.stream().allMatch(l -> Boolean.TRUE.equals(l.get("ok"))), r.out());
    }

    @Test
    void benchPassesMetaAddressesAndScaleToTheFactory() {
        StringBuilder seen = new StringBuilder();
        CliInvocation.of(o -> {
            seen.append(o.metaAddresses()).append(' ').append(o.scale()).append(' ').append(o.warmup());
            return new InMemoryMetaTarget();
        }, "bench", "meta.mkdir", "--scale", "1/1000", "--no-warmup", "--meta", "h1:1,h2:2");

        assertEquals("[h1:1, h2:2] 1/1000 false", seen.toString());
    }

    @Test
    void aFailedWorkloadExitsOne() {
        CliInvocation r = CliInvocation.of(o -> new InMemoryMetaTarget() {
            @Override
            public void rename(String src, String dst) throws Exception {
                throw new HydraException(ErrorCode.NO_LEADER, "election in progress");
            }
        }, "bench", "meta.rename", "--scale", "1/1000", "--no-warmup");

        assertEquals(HydraCli.EXIT_FAILED, r.exitCode());
        assertEquals(false, JsonObjects.parse(r.out().strip()).get("ok"));
    }

    @Test
    void aFailureIsOneLineWithoutVerbose() {
        CliInvocation r = CliInvocation.of(o -> {
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "no meta node at 127.0.0.1:1");
        }, "bench", "meta.create");

        assertEquals(HydraCli.EXIT_FAILED, r.exitCode());
        assertEquals(List.of("hydra bench: CONNECTION_FAILED: no meta node at 127.0.0.1:1 (--verbose shows the stack trace)"),
                r.errLines());
    }

    @Test
    void verboseShowsTheStackTraceWhereverItIsGiven() {
        MetaBenchTargetFactory unreachable = o -> {
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "no meta node");
        };
        for (String[] args : List.of(new String[] {"--verbose", "bench", "meta.create"},
                new String[] {"bench", "meta.create", "--verbose"})) {
            CliInvocation r = CliInvocation.of(unreachable, args);

            assertEquals(HydraCli.EXIT_FAILED, r.exitCode());
            assertTrue(r.err().contains("\tat io.hydrafs.ops"), r.err());
        }
    }
}
