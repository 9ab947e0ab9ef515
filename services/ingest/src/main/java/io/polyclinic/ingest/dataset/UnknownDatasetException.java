package io.polyclinic.ingest.dataset;

import io.polyclinic.platform.problem.InvalidRequestException;

/** A request named a dataset that is not declared: answered 400 on field {@code dataset}. */
public class UnknownDatasetException extends InvalidRequestException {

    public UnknownDatasetException(String name) {
        super("dataset", "Unknown dataset; known datasets: doctors, slots, clinic_visits.");
    }
}
