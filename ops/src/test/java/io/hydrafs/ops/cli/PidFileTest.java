package io.hydrafs.ops.cli;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PidFileTest {
    @TempDir
    Path tmp;

    @Test
    void holdsThisProcessesPidWhileOpenAndIsRemovedOnClose() throws Exception {
        Path file = tmp.resolve("run/meta.pid");

        try (PidFile ignored = PidFile.write(file)) {
            assertEquals(String.valueOf(ProcessHandle.current().pid()), Files.readString(file).strip());
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void aFileNamingAnotherRunningProcessRefusesTheStart() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Path file = Files.writeString(tmp.resolve("meta.pid"), other.pid() + "\n");

            HydraException e = assertThrows(HydraException.class, () -> PidFile.write(file));
            assertEquals(ErrorCode.FILE_ALREADY_EXISTS, e.code());
            assertEquals(String.valueOf(other.pid()), Files.readString(file).strip(), "the running node's file stays");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aStaleFileOfAProcessThatIsGoneIsReplaced() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path file = Files.writeString(tmp.resolve("meta.pid"), gone.pid() + "\n");

        try (PidFile ignored = PidFile.write(file)) {
            assertEquals(String.valueOf(ProcessHandle.current().pid()), Files.readString(file).strip());
        }
    }
}
