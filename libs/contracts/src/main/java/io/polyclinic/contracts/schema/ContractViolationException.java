package io.polyclinic.contracts.schema;

import java.util.List;

/**
 * A document that breaks its contract's JSON Schema. The message names the contract and the problems, e.g.
 * {@code "AppointmentBooked breaks its schema: $.data.start: does not match the date-time pattern"}; a consumer puts
 * it on the dead letter as the reason.
 */
public class ContractViolationException extends RuntimeException {

    private final String contract;
    private final List<String> problems;

    /**
     * @param contract the event type or job contract
     * @param problems what is wrong, at least one, each {@code "<JSON path>: <what is wrong>"}
     */
    public ContractViolationException(String contract, List<String> problems) {
        super(contract + " breaks its schema: " + String.join("; ", problems));
        this.contract = contract;
        this.problems = List.copyOf(problems);
    }

    /** The event type or job contract the document claimed to be. */
    public String contract() {
        return contract;
    }

    /** What is wrong, each {@code "<JSON path>: <what is wrong>"}. */
    public List<String> problems() {
        return problems;
    }
}
