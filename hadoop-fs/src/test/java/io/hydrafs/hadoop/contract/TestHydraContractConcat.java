package io.hydrafs.hadoop.contract;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.contract.AbstractContractConcatTest;
import org.apache.hadoop.fs.contract.AbstractFSContract;
import org.junit.ClassRule;
import org.junit.rules.ExternalResource;

/** Hadoop's concat contract (a JUnit 4 suite from hadoop-common's tests) run against HydraFS. */
public class TestHydraContractConcat extends AbstractContractConcatTest {
    @ClassRule
    public static final ExternalResource CLUSTER = ContractCluster.perClass();

    @Override
    protected AbstractFSContract createContract(Configuration conf) {
        return new HydraContract(conf);
    }
}
