package io.polyclinic.booking.doctor;

import java.util.regex.Pattern;

/**
 * The shapes of a doctor's work contacts (decision 0059), shared by the admin API's validation, the bulk import and,
 * in a looser form, the database's checks.
 *
 * <ul>
 *   <li>phone: E.164 (ITU-T E.164: "+", the country code, at most 15 digits, the first not 0), as libphonenumber
 *       formats it, e.g. {@code +74951234567};
 *   <li>email: at most {@value #MAX_EMAIL} characters, a local part of 1..64 characters, one "@", a domain with a dot,
 *       no whitespace (the shape the ingest service checks too).
 * </ul>
 */
public final class DoctorContacts {

    /** E.164, or empty (an edit's way to clear the phone). */
    public static final String PHONE_OR_EMPTY = "(\\+[1-9][0-9]{1,14})?";

    /** The email shape, or empty (an edit's way to clear the email). */
    public static final String EMAIL_OR_EMPTY = "([^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+)?";

    /** Longest email kept, in characters. */
    public static final int MAX_EMAIL = 320;

    private static final Pattern PHONE = Pattern.compile(PHONE_OR_EMPTY);
    private static final Pattern EMAIL = Pattern.compile(EMAIL_OR_EMPTY);

    private DoctorContacts() {}

    /** Whether {@code phone} is in E.164 (a non-empty one). */
    public static boolean validPhone(String phone) {
        return !phone.isEmpty() && PHONE.matcher(phone).matches();
    }

    /** Whether {@code email} has the accepted shape and length (a non-empty one). */
    public static boolean validEmail(String email) {
        return !email.isEmpty()
                && email.length() <= MAX_EMAIL
                && EMAIL.matcher(email).matches();
    }
}
