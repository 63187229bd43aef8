package io.hydrafs.ops.bench;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaBenchTest {
    private static final Set<MetaWorkload> ALL = EnumSet.allOf(MetaWorkload.class);

    @Test
    void everyWorkloadPrintsOneWellFormedPassingLineWithTheScaledOpCount() throws Exception {
        InMemoryMetaTarget fs = new InMemoryMetaTarget();

        BenchRun run = BenchRun.of(fs, BenchRun.tinyOptions(), ALL);

        assertTrue(run.allPassed, run.lines.toString());
        assertEquals(List.of("meta.create", "meta.mkdir", "meta.stat", "meta.list", "meta.rename", "meta.delete"),
                run.lines.stream().map(l -> l.get("workload")).toList());
        // 8 threads; at 1/1000: 2 files, 12 stats, 1 list call, 1 rename per thread
        Map<String, Long> expectedOps = Map.of("meta.create", 16L, "meta.mkdir", 16L, "meta.stat", 96L,
                "meta.list", 2L, "meta.rename", 8L, "meta.delete", 16L);
        for (Map<String, Object> line : run.lines) {
            String w = (String) line.get("workload");
            assertEquals("hydrafs", line.get("system"));
            assertEquals("1/1000", line.get("scale"));
            assertEquals(expectedOps.get(w), line.get("ops"), w);
            assertEquals(true, line.get("ok"), w);
            assertEquals(false, line.get("warmup"), w);
            assertTrue(((Number) line.get("seconds")).doubleValue() >= 0, w);
            assertTrue(((Number) line.get("rate")).doubleValue() >= 0, w);
            assertTrue(((Number) line.get("p50_ms")).doubleValue() <= ((Number) line.get("p99_ms")).doubleValue(), w);
            assertFalse(line.containsKey("error"), w);
        }
        assertEquals("files/s", run.line("meta.create").get("unit"));
        assertEquals("entries/s", run.line("meta.list").get("unit"));
        assertEquals(1L, run.line("meta.list").get("calls"));
        assertEquals("ops/s", run.line("meta.delete").get("unit"));
    }

    @Test
    void workloadsLeaveTheNamespaceTheyDescribe() throws Exception {
        InMemoryMetaTarget fs = new InMemoryMetaTarget();

        BenchRun.of(fs, BenchRun.tinyOptions(), EnumSet.of(MetaWorkload.CREATE, MetaWorkload.MKDIR, MetaWorkload.RENAME));

        assertTrue(fs.exists("/bench/create/t7/r0"));
        assertFalse(fs.exists("/bench/create/t7/f0"));
        assertTrue(fs.exists("/bench/create/t7/f1"));
        assertTrue(fs.exists("/bench/mkdir/t3/d1"));
        assertTrue(fs.isClosed());
    }

    @Test
    void statThatThrowsFailsMetaStatWithTheErrorAndNoFigure() throws Exception {
        InMemoryMetaTarget fs = new InMemoryMetaTarget() {
            @Override
            public void stat(String path) throws Exception {
                throw new HydraException(ErrorCode.IO_ERROR, "stat is broken");
            }
        };

        BenchRun run = BenchRun.of(fs, BenchRun.tinyOptions(), EnumSet.of(MetaWorkload.STAT));

        assertFalse(run.allPassed);
        Map<String, Object> stat = run.line("meta.stat");
        assertEquals(false, stat.get("ok"));
        assertTrue(((String) stat.get("error")).contains("IO_ERROR: stat is broken"), stat.toString());
        assertTrue((Long) stat.get("errors") >= 1, stat.toString());
        assertFalse(stat.containsKey("rate"), "a failed run has no figure: " + stat);
    }

    @Test
    void statAloneCreatesTheFilesUntimedAndPrintsOnlyItsOwnLine() throws Exception {
        InMemoryMetaTarget fs = new InMemoryMetaTarget();

        BenchRun run = BenchRun.of(fs, BenchRun.tinyOptions(), EnumSet.of(MetaWorkload.STAT));

        assertTrue(run.allPassed);
        assertEquals(1, run.lines.size());
        assertEquals(96L, run.line("meta.stat").get("ops"));
        assertTrue(fs.exists("/bench/create/t0/f1"));
    }

    @Test
    void deleteAfterRenameRemovesTheRenamedNamesToo() throws Exception {
        InMemoryMetaTarget fs = new InMemoryMetaTarget();

        BenchRun run = BenchRun.of(fs, BenchRun.tinyOptions(), EnumSet.of(MetaWorkload.RENAME, MetaWorkload.DELETE));

        assertTrue(run.allPassed, run.lines.toString());
        assertFalse(fs.exists("/bench/create/t0/r0"));
        assertFalse(fs.exists("/bench/create/t0/f1"));
    }

    @Test
    void rerunOnTheSameNamespaceStartsFromAnEmptyBase() throws Exception {
        InMemoryMetaTarget fs = new InMemoryMetaTarget();
        BenchRun.of(fs, BenchRun.tinyOptions(), EnumSet.of(MetaWorkload.CREATE, MetaWorkload.MKDIR));

        BenchRun again = BenchRun.of(fs, BenchRun.tinyOptions(), ALL);

        assertTrue(again.allPassed, again.lines.toString());
    }

    @Test
    void warmupRoundRunsUnderItsOwnDirectoryAndIsRemovedAfterwards() throws Exception {
        InMemoryMetaTarget fs = new InMemoryMetaTarget();

        BenchRun run = BenchRun.of(fs, BenchRun.tinyOptions().withWarmup(true), EnumSet.of(MetaWorkload.CREATE));

        assertTrue(run.allPassed, run.lines.toString());
        assertTrue(fs.everExisted("/warmup/mkdir/t0/d0"));
        assertTrue(fs.everExisted("/warmup/create/t0/r0"), "the round includes rename");
        assertFalse(fs.exists("/warmup"));
        assertEquals(true, run.line("meta.create").get("warmup"));
    }

    @Test
    void failedWarmupFailsEveryChosenWorkloadWithoutRunningIt() throws Exception {
        InMemoryMetaTarget fs = new InMemoryMetaTarget() {
            @Override
            public void createEmptyFile(String path) throws Exception {
                if (path.startsWith("/warmup/")) {
                    throw new HydraException(ErrorCode.TIMEOUT, "no answer");
                }
                super.createEmptyFile(path);
            }
        };

        BenchRun run = BenchRun.of(fs, BenchRun.tinyOptions().withWarmup(true), ALL);

        assertFalse(run.allPassed);
        assertEquals(ALL.size(), run.lines.size());
        for (Map<String, Object> line : run.lines) {
            assertEquals(false, line.get("ok"));
            assertTrue(((String) line.get("error")).contains("warm-up round failed at meta.create"), line.toString());
        }
        assertFalse(fs.exists("/bench/create/t0/f0"), "timed workloads must not run after a failed warm-up");
    }

    @Test
    void wrongCountAfterCreateFailsItKeepsItsFigureAndStopsDependents() throws Exception {
        InMemoryMetaTarget fs = new InMemoryMetaTarget() {
            @Override
            public int list(String dir) throws Exception {
                return super.list(dir) + (dir.equals("/bench/create/t5") ? 1 : 0);
            }
        };

        BenchRun run = BenchRun.of(fs, BenchRun.tinyOptions(), EnumSet.of(MetaWorkload.CREATE, MetaWorkload.STAT));

        Map<String, Object> create = run.line("meta.create");
        assertEquals(false, create.get("ok"));
        assertEquals("listed 17 files, expected 16", create.get("error"));
        assertEquals(16L, create.get("ops"));
        Map<String, Object> stat = run.line("meta.stat");
        assertEquals(false, stat.get("ok"));
        assertTrue(((String) stat.get("error")).contains("unknown: meta.create failed"), stat.toString());
    }

    @Test
    void listingWithTheWrongCountFailsMetaList() throws Exception {
        InMemoryMetaTarget fs = new InMemoryMetaTarget();
        MetaWorkloads round = new MetaWorkloads(fs, "/b", MetaCounts.of(BenchRun.TINY, 2));
        round.run(MetaWorkload.CREATE);
        fs.createEmptyFile("/b/create/t0/intruder");

        WorkloadResult list = round.run(MetaWorkload.LIST);

        assertFalse(list.ok());
        assertEquals("a listing of /b/create/t0 had 3 entries, expected 2", list.error());
    }

    @Test
    void aLeftoverBaseDirectoryIsDeletedBeforeTheRun() throws Exception {
        InMemoryMetaTarget fs = new InMemoryMetaTarget();
        fs.mkdirs("/bench/somebody/else");

        BenchRun run = BenchRun.of(fs, BenchRun.tinyOptions(), EnumSet.of(MetaWorkload.MKDIR));

        assertTrue(run.allPassed);
        assertFalse(fs.exists("/bench/somebody"));
    }
}
