-- Typo-tolerant name search (decision 0032): a query word one edit away from a name word (one letter substituted,
-- inserted or deleted, or two neighbours swapped) shares a deletion key with it: the word itself or the word without
-- one of its letters. doctor_name_keys lists the keys of every word of 5+ letters of a name; doctors.name_keys keeps
-- them for the name as search matches it (lower case, ё folded to е, as search_name), so that a search's recheck reads
-- the array instead of computing it; the search sends the same keys of each query word and asks the GIN index for an
-- overlap.
create function doctor_name_keys(name text) returns text[]
    language sql immutable strict parallel safe
as $$
    select coalesce(array_agg(distinct k), '{}')
      from regexp_split_to_table(name, '\s+') w
      cross join lateral (select w k
                          union all
                          select overlay(w placing '' from i for 1) from generate_series(1, length(w)) i) keys
     where length(w) >= 5
$$;

alter table doctors
    add column name_keys text[] generated always as (doctor_name_keys(lower(translate(full_name, 'Ёё', 'Ее')))) stored;

create index doctors_name_keys_idx on doctors using gin (name_keys);
