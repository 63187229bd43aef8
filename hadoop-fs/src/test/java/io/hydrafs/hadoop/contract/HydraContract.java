package io.hydrafs.hadoop.contract;

import io.hydrafs.hadoop.HydraHadoopFileSystem;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.contract.AbstractFSContract;

import java.io.IOException;

/** HydraFS for Hadoop's contract tests: the running {@link ContractCluster}, options in {@code contract/hydra.xml}. */
public class HydraContract extends AbstractFSContract {
    public HydraContract(Configuration conf) {
        super(conf);
        addConfResource("contract/hydra.xml");
    }

    @Override
    public FileSystem getTestFileSystem() throws IOException {
        return FileSystem.get(ContractCluster.uri(), getConf());
    }

    @Override
    public String getScheme() {
        return HydraHadoopFileSystem.SCHEME;
    }

    @Override
    public Path getTestPath() {
        return new Path("/test");
    }
}
