-- 016: indexes for the register lists' usual question — one class or one department, sorted by
-- name. Without them a page of a filtered list walked the name index and looked up thousands of
-- scattered rows to find the 50 it shows (about 6 ms of a page at 50× the demo).
CREATE INDEX asset_confidentiality_name ON asset(confidentiality, name, id);
CREATE INDEX asset_department_name ON asset(department_id, name, id);
