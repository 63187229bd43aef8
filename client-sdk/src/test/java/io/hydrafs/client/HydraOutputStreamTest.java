package io.hydrafs.client;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.CompleteRequest;
import io.hydrafs.protocol.meta.CompleteResponse;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.meta.RenewLeaseRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.hydrafs.client.fake.FakeMetaCluster.payload;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streams from create() without data: completing on close and lease renewal (bytes: DataPathTest). */
class HydraOutputStreamTest extends FileSystemTestBase {

    private long renewals() {
        return cluster.served(MetaMethods.RENEW_LEASE).size();
    }

    private int completions() {
        return cluster.served(MetaMethods.COMPLETE).size();
    }

    @Test
    void writingNoBytesAndFlushingAnEmptyStreamAreNoOps() throws Exception {
        try (HydraOutputStream out = fs.create("/f")) {
            out.write(new byte[0]);
            out.write(new byte[4], 2, 0);
            out.flush();
            out.hflush();
            out.hsync();
        }
        // the lease renewer may fire meanwhile on a slow machine: it is not the stream's doing
        assertEquals(List.of(MetaMethods.CREATE, MetaMethods.COMPLETE), cluster.received().stream()
                .map(r -> r.request().getMethod()).filter(m -> !m.equals(MetaMethods.RENEW_LEASE)).toList(),
                "create and complete only");
    }

    @Test
    void closeCompletesTheEmptyFileOnceAndASecondCloseDoesNothing() throws Exception {
        HydraOutputStream out = fs.create("/f");

        out.close();
        out.close();

        assertTrue(out.isClosed());
        assertEquals(1, completions());
        CompleteRequest sent = cluster.lastServed(MetaMethods.COMPLETE, CompleteRequest.parser());
        assertEquals("/f", sent.getPath());
        assertEquals(fs.clientName(), sent.getClientName());
        assertFalse(sent.hasLast(), "an empty file has no last block");
    }

    @Test
    void writesAndFlushesAfterCloseFail() throws Exception {
        HydraOutputStream out = fs.create("/f");
        out.close();

        assertEquals(ErrorCode.IO_ERROR, assertThrows(HydraException.class, () -> out.write(new byte[0])).code());
        assertEquals(ErrorCode.IO_ERROR, assertThrows(HydraException.class, out::hflush).code());
    }

    @Test
    void closeAsksAgainWhileTheMetaServiceIsNotReadyToComplete() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        cluster.handle(MetaMethods.COMPLETE, (address, request) ->
                CompleteResponse.newBuilder().setCompleted(asked.incrementAndGet() > 1).build());

        fs.create("/f").close();

        assertEquals(2, asked.get());
    }

    @Test
    void leaseIsRenewedWhileAStreamIsOpenAndNoLongerAfterItCloses() throws Exception {
        assertFalse(fs.leaseRenewer().isRunning(), "no renewer before any stream");
        HydraOutputStream out = fs.create("/f");

        await().atMost(Duration.ofSeconds(5)).until(() -> renewals() >= 3);
        assertEquals(fs.clientName(), cluster.lastServed(MetaMethods.RENEW_LEASE, RenewLeaseRequest.parser())
                .getClientName());

        out.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !fs.leaseRenewer().isRunning());
        long afterClose = renewals();
        await().during(Duration.ofMillis(10 * LEASE_RENEW_INTERVAL_MS)).atMost(Duration.ofSeconds(2))
                .until(() -> renewals() == afterClose);
    }

    @Test
    void leaseRenewalGoesOnUntilTheLastOpenStreamCloses() throws Exception {
        HydraOutputStream first = fs.create("/a");
        HydraOutputStream second = fs.create("/b");

        first.close();
        long afterFirstClose = renewals();
        await().atMost(Duration.ofSeconds(5)).until(() -> renewals() >= afterFirstClose + 2);

        second.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !fs.leaseRenewer().isRunning());
    }

    @Test
    void closingTheFileSystemCompletesOpenStreamsAndStopsRenewal() throws Exception {
        HydraOutputStream a = fs.create("/a");
        HydraOutputStream b = fs.create("/b");
        assertTrue(fs.leaseRenewer().isRunning());

        fs.close();

        assertTrue(a.isClosed() && b.isClosed());
        assertEquals(2, completions());
        await().atMost(Duration.ofSeconds(5)).until(() -> !fs.leaseRenewer().isRunning());
        assertEquals(0, cluster.openChannels());
    }

    @Test
    void renewalsCarryOnlyTheClientName() throws Exception {
        HydraOutputStream out = fs.create("/f");
        await().atMost(Duration.ofSeconds(5)).until(() -> renewals() >= 1);
        out.close();

        RenewLeaseRequest sent = payload(cluster.served(MetaMethods.RENEW_LEASE).get(0).request(),
                RenewLeaseRequest.parser());
        assertEquals(RenewLeaseRequest.newBuilder().setClientName(fs.clientName()).build(), sent);
    }
}
