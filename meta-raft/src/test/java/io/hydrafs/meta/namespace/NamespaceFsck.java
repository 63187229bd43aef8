package io.hydrafs.meta.namespace;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.meta.store.KeyValue;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.meta.AclEntryProto;
import io.hydrafs.protocol.meta.AclScope;
import io.hydrafs.protocol.meta.AclType;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Checks every cross-table invariant of the namespace layout over a whole store, and lists what
 * is broken. Tests run it after operations (the test context after every successful one), so a
 * rule that forgets a key (a child count, a BLOCKS or LEASES entry) fails where it happens.
 * Works on any {@link MetaReader}, so the state machine's tests can run it on RocksDB too.
 *
 * <p>Invariants: the root is inode 1, a directory with parent 0; every other inode has exactly
 * one directory entry, under its parent_id with its name, and reaches the root; a directory's
 * child_count is its number of entries, a file has none; a file's length is the sum of its
 * blocks; BLOCKS holds exactly the blocks of the files, each once; LEASES holds exactly
 * (holder, id) of the files under construction; a file is under lease recovery (a recovery stamp)
 * iff the recovery holder has its lease, and then it has blocks; counters are above every id and
 * stamp handed out; a directory with a quota records the usage of its subtree.
 */
public final class NamespaceFsck {
    private NamespaceFsck() {
    }

    /** Throws AssertionError listing every broken invariant. */
    public static void check(MetaReader r) {
        List<String> problems = problems(r);
        if (!problems.isEmpty()) {
            throw new AssertionError("namespace invariants broken:\n  " + String.join("\n  ", problems));
        }
    }

    public static List<String> problems(MetaReader r) {
        List<String> problems = new ArrayList<>();
        Map<Long, InodeProto> inodes = new TreeMap<>();
        scan(r, Table.INODES, kv -> {
            InodeProto inode = parse(kv.value());
            long id = NamespaceKeys.decodeLong(kv.key());
            if (inode.getId() != id) {
                problems.add("inode key " + id + " holds inode " + inode.getId());
            }
            inodes.put(id, inode);
        });
        checkRootAndCounters(r, inodes, problems);

        Map<Long, Long> entriesPerDir = new HashMap<>();
        Map<Long, Integer> entriesPerChild = new HashMap<>();
        scan(r, Table.DENTRIES, kv -> {
            long parent = NamespaceKeys.dentryParentId(kv.key());
            String name = NamespaceKeys.dentryName(kv.key());
            long child = NamespaceKeys.decodeLong(kv.value());
            InodeProto p = inodes.get(parent);
            InodeProto c = inodes.get(child);
            if (p == null || p.getType() != InodeType.DIRECTORY) {
                problems.add("entry " + parent + "/" + name + ": parent is missing or not a directory");
            }
            if (c == null) {
                problems.add("entry " + parent + "/" + name + " -> missing inode " + child);
            } else if (c.getParentId() != parent || !c.getName().equals(name)) {
                problems.add("entry " + parent + "/" + name + " -> inode " + child + " which says it is "
                        + c.getParentId() + "/" + c.getName());
            }
            entriesPerDir.merge(parent, 1L, Long::sum);
            entriesPerChild.merge(child, 1, Integer::sum);
        });

        Map<Long, Long> blockOwners = new HashMap<>();
        Map<String, Boolean> leases = new HashMap<>();
        for (InodeProto inode : inodes.values()) {
            checkInode(inode, inodes, entriesPerDir, entriesPerChild, problems);
            for (BlockProto b : inode.getBlocksList()) {
                Long previous = blockOwners.put(b.getBlockId(), inode.getId());
                if (previous != null) {
                    problems.add("block " + b.getBlockId() + " belongs to inodes " + previous + " and " + inode.getId());
                }
            }
            if (inode.getUnderConstruction()) {
                leases.put(inode.getLeaseHolder() + "/" + inode.getId(), false);
            }
        }
        scan(r, Table.BLOCKS, kv -> {
            long block = NamespaceKeys.decodeLong(kv.key());
            long owner = NamespaceKeys.decodeLong(kv.value());
            Long expected = blockOwners.remove(block);
            if (expected == null || expected != owner) {
                problems.add("BLOCKS says block " + block + " belongs to " + owner + ", the files say " + expected);
            }
        });
        blockOwners.forEach((b, owner) -> problems.add("block " + b + " of inode " + owner + " has no BLOCKS entry"));
        scan(r, Table.LEASES, kv -> {
            String lease = NamespaceKeys.leaseHolder(kv.key()) + "/" + NamespaceKeys.leaseInodeId(kv.key());
            if (leases.replace(lease, true) == null) {
                problems.add("LEASES entry " + lease + " matches no file under construction");
            }
        });
        leases.forEach((lease, found) -> {
            if (!found) {
                problems.add("file under construction " + lease + " has no LEASES entry");
            }
        });
        checkCounterAbove(r, NamespaceKeys.NEXT_BLOCK_ID_KEY, maxBlockId(inodes), "block id", problems);
        checkQuotaUsage(inodes, problems);
        return problems;
    }

    /** Each quota directory's recorded usage is what its subtree holds, counted afresh. */
    private static void checkQuotaUsage(Map<Long, InodeProto> inodes, List<String> problems) {
        Map<Long, long[]> counted = new HashMap<>();
        for (InodeProto inode : inodes.values()) {
            if (inode.getType() == InodeType.DIRECTORY && inode.hasQuota()) {
                counted.put(inode.getId(), new long[2]);
            }
        }
        if (counted.isEmpty()) {
            return;
        }
        for (InodeProto inode : inodes.values()) {
            long space = Quotas.spaceOf(inode);
            InodeProto cur = inode;
            for (int steps = 0; cur != null && steps <= inodes.size(); steps++) {
                long[] usage = counted.get(cur.getId());
                if (usage != null) {
                    usage[0]++;
                    usage[1] += space;
                }
                cur = cur.getId() == NamespaceKeys.ROOT_ID ? null : inodes.get(cur.getParentId());
            }
        }
        counted.forEach((id, usage) -> {
            var q = inodes.get(id).getQuota();
            if (q.getNamespaceUsed() != usage[0] || q.getSpaceUsed() != usage[1]) {
                problems.add("quota directory " + id + " records " + q.getNamespaceUsed() + " names and "
                        + q.getSpaceUsed() + " bytes, but holds " + usage[0] + " and " + usage[1]);
            }
        });
    }

    private static void checkRootAndCounters(MetaReader r, Map<Long, InodeProto> inodes, List<String> problems) {
        InodeProto root = inodes.get(NamespaceKeys.ROOT_ID);
        if (root == null || root.getType() != InodeType.DIRECTORY || root.getParentId() != NamespaceKeys.NO_PARENT
                || !root.getName().isEmpty()) {
            problems.add("root inode missing or malformed: " + root);
        }
        long maxId = inodes.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        checkCounterAbove(r, NamespaceKeys.NEXT_INODE_ID_KEY, maxId, "inode id", problems);
        long maxStamp = Math.max(
                inodes.values().stream().flatMap(i -> i.getBlocksList().stream())
                        .mapToLong(BlockProto::getGenerationStamp).max().orElse(0),
                inodes.values().stream().mapToLong(InodeProto::getRecoveryGenerationStamp).max().orElse(0));
        checkCounterAbove(r, NamespaceKeys.NEXT_GENERATION_STAMP_KEY, maxStamp, "generation stamp", problems);
    }

    private static void checkInode(InodeProto inode, Map<Long, InodeProto> inodes, Map<Long, Long> entriesPerDir,
                                   Map<Long, Integer> entriesPerChild, List<String> problems) {
        long id = inode.getId();
        long entries = entriesPerDir.getOrDefault(id, 0L);
        if (inode.getType() == InodeType.DIRECTORY) {
            if (inode.getChildCount() != entries) {
                problems.add("directory " + id + " has child_count " + inode.getChildCount() + " but " + entries
                        + " entries");
            }
        } else {
            if (entries != 0) {
                problems.add("file " + id + " has " + entries + " entries under it");
            }
            long sum = inode.getBlocksList().stream().mapToLong(BlockProto::getNumBytes).sum();
            if (inode.getLength() != sum) {
                problems.add("file " + id + " has length " + inode.getLength() + " but its blocks sum to " + sum);
            }
            if (inode.getUnderConstruction() == inode.getLeaseHolder().isEmpty()) {
                problems.add("file " + id + ": under_construction=" + inode.getUnderConstruction()
                        + " with lease holder '" + inode.getLeaseHolder() + "'");
            }
            boolean recovering = inode.getRecoveryGenerationStamp() != 0;
            if (recovering != LeaseHolders.isRecovery(inode.getLeaseHolder())
                    || recovering && (!inode.getUnderConstruction() || inode.getBlocksCount() == 0)) {
                problems.add("file " + id + ": recovery stamp " + inode.getRecoveryGenerationStamp() + " with lease holder '"
                        + inode.getLeaseHolder() + "', under_construction=" + inode.getUnderConstruction() + ", "
                        + inode.getBlocksCount() + " blocks");
            }
            if (inode.getRecoveryTruncates() && !recovering) {
                problems.add("file " + id + " is marked as a truncate's recovery but is not in recovery");
            }
        }
        checkAcl(inode, problems);
        if (id == NamespaceKeys.ROOT_ID) {
            return;
        }
        if (entriesPerChild.getOrDefault(id, 0) != 1) {
            problems.add("inode " + id + " has " + entriesPerChild.getOrDefault(id, 0) + " directory entries");
        }
        InodeProto cur = inode;
        for (int steps = 0; cur != null && cur.getId() != NamespaceKeys.ROOT_ID; steps++) {
            if (steps > inodes.size()) {
                problems.add("inode " + id + " is on a parent cycle");
                return;
            }
            cur = inodes.get(cur.getParentId());
        }
        if (cur == null) {
            problems.add("inode " + id + " does not reach the root");
        }
    }

    /** A stored ACL is sorted and unique by key, holds the owning group's entry with named access entries, the base entries with default ones, and defaults only on directories. */
    private static void checkAcl(InodeProto inode, List<String> problems) {
        List<AclEntryProto> acl = inode.getAclList();
        if (acl.isEmpty()) {
            return;
        }
        for (int i = 1; i < acl.size(); i++) {
            if (Acls.ORDER.compare(acl.get(i - 1), acl.get(i)) >= 0) {
                problems.add("inode " + inode.getId() + ": ACL entries out of order or repeated: " + acl);
            }
        }
        List<AclEntryProto> access = acl.stream().filter(e -> e.getScope() == AclScope.ACL_SCOPE_ACCESS).toList();
        List<AclEntryProto> defaults = acl.stream().filter(e -> e.getScope() == AclScope.ACL_SCOPE_DEFAULT).toList();
        if (!access.isEmpty() && access.stream().noneMatch(e -> e.getType() == AclType.ACL_TYPE_GROUP
                && e.getName().isEmpty())) {
            problems.add("inode " + inode.getId() + ": an access ACL without the owning group's entry: " + acl);
        }
        if (!defaults.isEmpty() && (inode.getType() != InodeType.DIRECTORY || defaults.stream()
                .filter(e -> e.getName().isEmpty() && e.getType() != AclType.ACL_TYPE_MASK).count() != 3)) {
            problems.add("inode " + inode.getId() + ": a default ACL on a file or without its base entries: " + acl);
        }
    }

    private static long maxBlockId(Map<Long, InodeProto> inodes) {
        return inodes.values().stream().flatMap(i -> i.getBlocksList().stream())
                .mapToLong(BlockProto::getBlockId).max().orElse(0);
    }

    private static void checkCounterAbove(MetaReader r, byte[] key, long max, String what, List<String> problems) {
        byte[] v = r.get(Table.SYSTEM, key);
        if (v == null) {
            problems.add("counter for " + what + " missing");
        } else if (NamespaceKeys.decodeLong(v) <= max) {
            problems.add("next " + what + " " + NamespaceKeys.decodeLong(v) + " is not above the largest in use " + max);
        }
    }

    private static void scan(MetaReader r, Table table, Consumer<KeyValue> each) {
        try (MetaReader.ScanIterator it = r.scan(table, NamespaceKeys.EMPTY, null)) {
            it.forEachRemaining(each);
        }
    }

    private static InodeProto parse(byte[] v) {
        try {
            return InodeProto.parseFrom(v);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("corrupt inode", e);
        }
    }
}
