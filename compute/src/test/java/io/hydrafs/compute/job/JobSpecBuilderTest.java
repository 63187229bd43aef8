package io.hydrafs.compute.job;

import io.hydrafs.compute.examples.Grep;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobSpecBuilderTest {

    @Test
    void aBuiltSpecCarriesEverythingGiven() {
        JobSpec spec = JobSpec.builder("grep").definition(Grep.Definition.class).jar("/staging/job.jar")
                .input("/in/a").input("/in/b").output("/out").reducers(3)
                .config(Map.of("k1", "v1")).config("k2", "v2").build();

        assertEquals(new JobSpec("grep", Grep.Definition.class.getName(), "/staging/job.jar", List.of("/in/a", "/in/b"),
                "/out", 3, Map.of("k1", "v1", "k2", "v2")), spec);
    }

    @Test
    void aSpecWithoutJarLoadsFromTheClassPathWithOneReducer() {
        JobSpec spec = JobSpec.builder("x").definition("com.example.Def").input("/in").output("/out").build();

        assertEquals("", spec.jarPath());
        assertEquals(1, spec.reducers());
    }

    @Test
    void buildingASpecWithoutDefinitionOrOutputFailsNamingWhatIsMissing() {
        IllegalArgumentException noDefinition = assertThrows(IllegalArgumentException.class,
                () -> JobSpec.builder("x").input("/in").output("/out").build());
        IllegalArgumentException relativeOutput = assertThrows(IllegalArgumentException.class,
                () -> JobSpec.builder("x").definition("D").input("/in").output("out").build());
        IllegalArgumentException noReducer = assertThrows(IllegalArgumentException.class,
                () -> JobSpec.builder("x").definition("D").input("/in").output("/out").reducers(0).build());

        assertTrue(noDefinition.getMessage().contains("definition"), noDefinition.getMessage());
        assertTrue(relativeOutput.getMessage().contains("output"), relativeOutput.getMessage());
        assertTrue(noReducer.getMessage().contains("reducer"), noReducer.getMessage());
    }
}
