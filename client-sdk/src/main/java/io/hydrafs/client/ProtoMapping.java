package io.hydrafs.client;

import io.hydrafs.protocol.meta.AclEntryProto;
import io.hydrafs.protocol.meta.AclScope;
import io.hydrafs.protocol.meta.AclType;
import io.hydrafs.protocol.meta.ContentSummaryProto;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.GetAclStatusResponse;
import io.hydrafs.protocol.meta.InodeType;
import io.hydrafs.protocol.meta.ListStatusResponse;

import java.util.List;

/** Wire messages to the SDK's public value types, so applications never see protobuf. */
final class ProtoMapping {
    private ProtoMapping() {
    }

    static FileStatus fileStatus(FileStatusProto p) {
        return new FileStatus(p.getPath(), p.getType() == InodeType.DIRECTORY, p.getLength(), p.getReplication(),
                p.getBlockSize(), p.getMtimeMs(), p.getAtimeMs(), p.getPermission(), p.getOwner(), p.getGroup(),
                p.getInodeId(), p.getUnderConstruction(), p.getChildCount(), p.getHasAcl());
    }

    static AclEntryProto aclEntry(AclEntry e) {
        return AclEntryProto.newBuilder()
                .setScope(e.isDefault() ? AclScope.ACL_SCOPE_DEFAULT : AclScope.ACL_SCOPE_ACCESS)
                .setType(AclType.forNumber(e.type().ordinal()))
                .setName(e.name())
                .setPermission(e.permission())
                .build();
    }

    static AclStatus aclStatus(GetAclStatusResponse p) {
        List<AclEntry> entries = p.getEntriesList().stream()
                .map(e -> new AclEntry(e.getScope() == AclScope.ACL_SCOPE_DEFAULT,
                        AclEntry.Type.values()[e.getTypeValue()], e.getName(), e.getPermission()))
                .toList();
        return new AclStatus(p.getOwner(), p.getGroup(), p.getPermission(), entries);
    }

    static DirectoryListing listing(ListStatusResponse p) {
        List<FileStatus> entries = p.getEntriesList().stream().map(ProtoMapping::fileStatus).toList();
        return new DirectoryListing(entries, p.getHasMore());
    }

    static ContentSummary contentSummary(ContentSummaryProto p) {
        DirectoryQuota quota = p.hasQuota() ? new DirectoryQuota(p.getQuota().getNamespaceQuota(),
                p.getQuota().getNamespaceUsed(), p.getQuota().getSpaceQuota(), p.getQuota().getSpaceUsed()) : null;
        return new ContentSummary(p.getLength(), p.getFileCount(), p.getDirectoryCount(), p.getSpaceConsumed(), quota);
    }
}
