-- The doctor searches of bench/booking-search.sh: psql -v n=<count> -v distance=<0|1> -qAt -f queries.sql prints one
-- request path per line, drawn from the data itself with a fixed seed: a name in half of them (a 3-5 letter
-- prefix of a real surname, a whole surname, or a surname with one wrong letter), a specialty in a third, a city
-- (big cities more often) in 40 % or a point with a radius in 20 %, a date in 30 % or a date range in 20 %, every
-- sort (distance only when the service knows it), and a later page in one of ten.
select setseed(0.42) \g /dev/null
create function pg_temp.url(t text) returns text language sql immutable as $$
  select coalesce(string_agg(case when b between 48 and 57 or b between 65 and 90 or b between 97 and 122
                                       or b in (45, 46, 95, 126)
                                  then chr(b) else '%' || upper(lpad(to_hex(b), 2, '0')) end, '' order by i), '')
    from (select i, get_byte(convert_to(t, 'UTF8'), i) b
            from generate_series(0, octet_length(convert_to(t, 'UTF8')) - 1) i) x
$$;
with surnames as (
       select array_agg(w order by w) a
         from (select distinct split_part(search_name, ' ', 1) w
                 from doctors tablesample system (2) repeatable (7)) t
        where length(w) >= 5),
     cities as (select array_agg(city order by n desc, city) a
                  from (select city, count(*) n from clinics group by city) c),
     places as (select array_agg(array[latitude, longitude] order by id) a
                  from (select latitude, longitude, id from clinics tablesample system (50) repeatable (7)) p),
     specs as (select array_agg(code order by code) a from specialties),
     r as (select i, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7,
                  random() r8, random() r9, random() r10, random() r11, random() r12, random() r13, random() r14,
                  random() r15, random() r16, random() r17, random() r18
             from generate_series(1, :n) i),
     picked as (
       select r.*, s.a[1 + floor(r2 * cardinality(s.a))::int] surname,
              1 + floor(r8 * (cardinality(p.a) / 2))::int place, p.a places,
              c.a[1 + floor(r8 * r8 * cardinality(c.a))::int] city,
              sp.a[1 + floor(r6 * cardinality(sp.a))::int] specialty
         from r, surnames s, cities c, places p, specs sp),
     parts as (
       select i,
              case when r1 < 0.5 then 'name=' || pg_temp.url(
                case when r3 < 0.55 then substr(surname, 1, 3 + floor(r4 * 3)::int)
                     when r3 < 0.8 then surname
                     else overlay(surname placing (case when surname ~ '[а-я]' then 'ы' else 'y' end)
                                  from 2 + floor(r4 * (length(surname) - 2))::int for 1) end) end name,
              case when r5 < 0.35 then 'specialty=' || specialty end specialty,
              case when r7 < 0.4 then 'city=' || pg_temp.url(city)
                   when r7 < 0.6 then 'lat=' || round((places[place][1] + (r9 - 0.5) * 0.05)::numeric, 4)
                                   || '&lon=' || round((places[place][2] + (r10 - 0.5) * 0.05)::numeric, 4)
                                   || '&radiusKm=' || (array[2, 5, 10, 25])[1 + floor(r18 * 4)::int] end place,
              case when r11 < 0.3 then 'date=' || (current_date + 1 + floor(r12 * 14)::int)
                   when r11 < 0.5 then 'from=' || (current_date + 1 + floor(r12 * 7)::int)
                                    || '&to=' || (current_date + 2 + floor(r12 * 7)::int + floor(r13 * 6)::int) end dates,
              'sort=' || case when :distance = 1 and r7 >= 0.4 and r7 < 0.6 and r15 < 0.5 then 'distance'
                              when r14 < 0.4 then 'relevance' when r14 < 0.6 then 'rating'
                              when r14 < 0.85 then 'nearestSlot' else 'name' end sort,
              case when r16 < 0.1 then 'page=' || (1 + floor(r17 * 3)::int) end page
         from picked)
select '/api/v1/doctors?' || concat_ws('&', name, specialty, place, dates, sort, page, 'size=20')
  from parts order by i;
