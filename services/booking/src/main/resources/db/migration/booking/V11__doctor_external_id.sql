-- A doctor's external id: the personnel or licence number a clinic's own spreadsheets know the doctor by, the natural
-- key of the bulk import (never the name, which two doctors may share). Optional: doctors registered in the admin
-- UI have none until an import names them. Unique among doctors that have one.
alter table doctors add column external_id varchar(64);
create unique index doctors_external_id_key on doctors (external_id) where external_id is not null;
