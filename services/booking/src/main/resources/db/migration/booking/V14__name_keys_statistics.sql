-- Statistics for the typo keys (decision 0032). V10 added doctors.name_keys without statistics: until the next
-- autoanalyze the planner priced an overlap with a query word's keys at 2 % of all doctors (2,000 of 100,000 where 37
-- match), so a typo-tolerant search with a city or a date drove from the city's doctors and checked word similarity on
-- each of them (370 ms instead of 21 ms on the benchmark data). Most keys are rare: the element statistics need a
-- long list of common keys before the rest are priced as rare, hence the larger target. ANALYZE reads the table once
-- (4 s for 100,000 doctors); later loads are analyzed by autovacuum as usual.
alter table doctors alter column name_keys set statistics 2000;

analyze doctors;
