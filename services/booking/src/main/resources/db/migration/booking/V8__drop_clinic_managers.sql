-- Which clinics a CLINIC_MANAGER runs is now assigned in identity and carried by the access token's "clinics"
-- claim (decision 0027), the one answer every service uses; booking no longer keeps its own copy.
drop table clinic_managers;
