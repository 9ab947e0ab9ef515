-- The warehouse views Superset's dashboard reads (deploy/superset, docs/warehouse.md): one wide view per chart, so a
-- chart needs no SQL of its own and renaming a table column breaks a migration here, not a dashboard.

-- "Visits per month by clinic": one row per (month, clinic).
create view warehouse.visits_by_clinic_month as
select month,
       clinic,
       sum(visits)::bigint                as visits,
       sum(revenue)::numeric(16, 2)       as revenue,
       count(distinct doctor)::integer    as doctors,
       count(distinct department)::integer as departments
  from warehouse.clinic_visits
 group by month, clinic;
comment on view warehouse.visits_by_clinic_month is 'Visits and revenue per clinic and month (chart: visits per month by clinic).';

-- "Revenue by department": one row per (month, clinic, department).
create view warehouse.revenue_by_department as
select month,
       clinic,
       department,
       sum(revenue)::numeric(16, 2)                                             as revenue,
       sum(visits)::bigint                                                      as visits,
       round(sum(revenue) / nullif(sum(visits), 0), 2)::numeric(16, 2)          as revenue_per_visit
  from warehouse.clinic_visits
 group by month, clinic, department;
comment on view warehouse.revenue_by_department is 'Revenue and visits per department, clinic and month (chart: revenue by department).';

-- "Top doctors": one row per (month, doctor, clinic, department) with the doctor's rank in the clinic and month, so a
-- chart filters a time range and sorts by visits, or keeps rank <= 10 for one month.
create view warehouse.doctor_performance as
select month,
       doctor,
       clinic,
       department,
       visits,
       revenue,
       round(revenue / nullif(visits, 0), 2)::numeric(16, 2)                              as revenue_per_visit,
       rank() over (partition by month, clinic order by visits desc, revenue desc)::integer as visits_rank
  from warehouse.clinic_visits;
comment on view warehouse.doctor_performance is 'Visits and revenue per doctor and month, ranked within the clinic (chart: top doctors).';

-- Superset reads the warehouse with the read-only login warehouse_reader where the deployment creates it (the compose
-- stack does): it may connect, read the schema's tables and views, and later ones too. Nothing where it is absent.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'warehouse_reader') then
        execute format('grant connect on database %I to warehouse_reader', current_database());
        grant usage on schema warehouse to warehouse_reader;
        grant select on all tables in schema warehouse to warehouse_reader;
        alter default privileges in schema warehouse grant select on tables to warehouse_reader;
    end if;
end
$$;
