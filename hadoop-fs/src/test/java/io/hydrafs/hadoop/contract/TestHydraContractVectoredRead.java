package io.hydrafs.hadoop.contract;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.contract.AbstractContractVectoredReadTest;
import org.apache.hadoop.fs.contract.AbstractFSContract;
import org.junit.ClassRule;
import org.junit.rules.ExternalResource;

/** Hadoop's vectoredread contract (a JUnit 4 suite from hadoop-common's tests) run against HydraFS. */
public class TestHydraContractVectoredRead extends AbstractContractVectoredReadTest {
    /** The suite runs once per buffer kind it names (heap, direct). */
    public TestHydraContractVectoredRead(String bufferType) {
        super(bufferType);
    }

    @ClassRule
    public static final ExternalResource CLUSTER = ContractCluster.perClass();

    @Override
    protected AbstractFSContract createContract(Configuration conf) {
        return new HydraContract(conf);
    }
}
