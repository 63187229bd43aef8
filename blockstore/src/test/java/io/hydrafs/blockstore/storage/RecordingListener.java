package io.hydrafs.blockstore.storage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records listener calls as "kind:id:stamp:bytes" strings. */
public final class RecordingListener implements ReplicaListener {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void replicaBeingWritten(ReplicaInfo r) {
        events.add("writing:" + r.blockId() + ":" + r.generationStamp() + ":" + r.numBytes());
    }

    @Override
    public void replicaFinalized(ReplicaInfo r) {
        events.add("finalized:" + r.blockId() + ":" + r.generationStamp() + ":" + r.numBytes());
    }

    @Override
    public void replicaDeleted(ReplicaInfo r) {
        events.add("deleted:" + r.blockId() + ":" + r.generationStamp() + ":" + r.numBytes());
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    public void clear() {
        events.clear();
    }
}
