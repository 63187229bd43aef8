package io.hydrafs.compute.job;

/** Where an attempt stands; it leaves RUNNING once and for all. KILLED is not a failure. */
public enum AttemptState { RUNNING, SUCCEEDED, FAILED, KILLED }
