-- A doctor's work phone and work email: the clinic's contacts for the doctor (decision 0059), set in the admin API or
-- by the bulk import, shown on the public doctor card. Both optional. The phone is E.164 ("+" and at most 15 digits,
-- the first not 0), as the import normalizes it; the email at most 320 characters with one "@" that is neither first
-- nor last (the API and the import check the full shape).
alter table doctors
    add column phone varchar(16),
    add column email varchar(320),
    add constraint doctors_phone_e164 check (phone ~ '^\+[1-9][0-9]{1,14}$'),
    add constraint doctors_email_shape check (char_length(email) between 3 and 320 and email ~ '^[^@]+@[^@]+$');
