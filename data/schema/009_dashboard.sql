-- 009_dashboard.sql — indexes for the dashboard, findings and check-run pages (src/web/dash*.c).
--
-- finding_run_cover: every dashboard figure is a GROUP BY over the findings of one run, filtered
-- by the user's reach (department, system, the person a finding is about) and by accepted; with
-- these columns in one index the figures are read from the index alone, without visiting the
-- table rows (at 50× the demo a run holds about 46,000 findings).
-- finding_fingerprint: a finding's history across runs (/findings/{fp}) looks a fingerprint up
-- in every run.
CREATE INDEX finding_run_cover ON finding(run_id, accepted, rule_id, severity, department_id,
                                          system_id, responsible_role, entity_type, entity_id);
CREATE INDEX finding_fingerprint ON finding(fingerprint, run_id);
