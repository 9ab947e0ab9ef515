package io.polyclinic.booking.slot;

/** AVAILABLE can be booked; BOOKED holds a live appointment; BLOCKED is withheld by the clinic. */
public enum SlotStatus {
    AVAILABLE,
    BOOKED,
    BLOCKED
}
