package io.polyclinic.booking.bulkimport;

/** A row that cannot be applied: answered as a REJECTED row result naming the field, never as a failed call. */
class RowRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the row's field at fault (the proto field name), or empty for the whole row
     * @param reason what is wrong, for the user
     */
    RowRejectedException(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
