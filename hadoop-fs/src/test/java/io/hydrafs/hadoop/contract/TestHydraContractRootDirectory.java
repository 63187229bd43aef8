package io.hydrafs.hadoop.contract;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.contract.AbstractContractRootDirectoryTest;
import org.apache.hadoop.fs.contract.AbstractFSContract;
import org.junit.AfterClass;
import org.junit.BeforeClass;

/** Hadoop's root directory contract (a JUnit 4 suite from hadoop-common's tests) run against HydraFS. */
public class TestHydraContractRootDirectory extends AbstractContractRootDirectoryTest {
    @BeforeClass
    public static void startCluster() throws Exception {
        ContractCluster.start();
    }

    @AfterClass
    public static void stopCluster() throws Exception {
        ContractCluster.stop();
    }

    @Override
    protected AbstractFSContract createContract(Configuration conf) {
        return new HydraContract(conf);
    }
}
